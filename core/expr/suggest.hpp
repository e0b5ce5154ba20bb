#pragma once
// "did you mean ...?" for a misspelt column or function name.
#include <string>
#include <vector>

namespace ferry::detail::expr {

/// The candidate closest to word by edit distance (letters compared case-insensitively), when
/// it is close enough to be a likely typo; empty otherwise.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for the closest candidate, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace ferry::detail::expr
