#include "kitsunet/conformance/case_result.hpp"

namespace kitsunet::conformance {

std::vector<std::string> result_lines(const CaseResults& results) {
    std::vector<std::string> lines;
    lines.reserve(results.size());
    for (const auto& r : results)
        lines.push_back(r.ok ? "PASS " + r.name : "FAIL " + r.name + ": " + r.reason);
    return lines;
}

}  // namespace kitsunet::conformance
