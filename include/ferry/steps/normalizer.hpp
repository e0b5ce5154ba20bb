#pragma once
#include <cstddef>
#include <cstdint>

namespace ferry {

/// The norm Normalizer divides each row by. Values are part of the artifact format.
enum class Norm : std::uint8_t { l1 = 0, l2 = 1, max = 2 };

/// Scales each row to unit norm, as scikit-learn's Normalizer; a row whose norm is (near) 0 is
/// left as it is. Stateless: fitting only records the input width. Missing values are refused,
/// as scikit-learn refuses them.
struct Normalizer {
  Norm norm = Norm::l2;            ///< Which norm.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
