#pragma once
#include <cstddef>

namespace ferry {

/// Maps values above threshold to 1 and the others to 0, as scikit-learn's Binarizer. Stateless:
/// fitting only records the input width. Missing values are refused, as scikit-learn refuses them.
struct Binarizer {
  double threshold = 0.0;          ///< Values strictly above it become 1.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
