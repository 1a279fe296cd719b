#include "kitsunet/conformance/case_result.hpp"

namespace kitsunet::conformance {

std::size_t print_results(std::span<const CaseResult> results, std::FILE* out) {
    std::size_t failed = 0;
    for (const auto& r : results) {
        if (r.ok) {
            std::fprintf(out, "PASS %s\n", r.name.c_str());
        } else {
            std::fprintf(out, "FAIL %s: %s\n", r.name.c_str(), r.reason.c_str());
            ++failed;
        }
    }
    return failed;
}

std::string summary(std::size_t passed, std::size_t failed) {
    return std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
}

}  // namespace kitsunet::conformance
