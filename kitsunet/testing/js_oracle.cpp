#include "kitsunet/testing/js_oracle.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include <boost/json.hpp>

#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::testing {

boost::json::value run_js_oracle(std::string_view script, const boost::json::value& job) {
    const auto dir = js_dir();
    if (!dir)
        throw std::runtime_error(
            "test/js/node_modules is missing: run (cd test/js && npm install --no-audit --no-fund)");
    const auto job_file =
        std::filesystem::temp_directory_path() /
        ("kitsunet_oracle_" + std::to_string(getpid()) + "_" + std::string(script) + ".json");
    std::ofstream(job_file) << boost::json::serialize(job);
    const std::string cmd = "cd '" + dir->string() + "' && node --import ./polyfill.mjs '" +
                            std::string(script) + "' < '" + job_file.string() + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run node");
    std::string out;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    const int status = pclose(pipe);
    std::filesystem::remove(job_file);
    if (status != 0) throw std::runtime_error(std::string(script) + " failed: " + out);
    return boost::json::parse(out);
}

}  // namespace kitsunet::testing
