#pragma once
#include <string>
#include <variant>
#include <vector>

#include "ferry/export.hpp"
#include "ferry/steps/column_transformer.hpp"
#include "ferry/steps/elastic_net.hpp"
#include "ferry/steps/expressions.hpp"
#include "ferry/steps/linear_regression.hpp"
#include "ferry/steps/logistic_regression.hpp"
#include "ferry/steps/one_hot_encoder.hpp"
#include "ferry/steps/ordinal_encoder.hpp"
#include "ferry/steps/poisson_regressor.hpp"
#include "ferry/steps/simple_imputer.hpp"
#include "ferry/steps/standard_scaler.hpp"
#include "ferry/steps/min_max_scaler.hpp"
#include "ferry/steps/max_abs_scaler.hpp"
#include "ferry/steps/missing_indicator.hpp"
#include "ferry/steps/robust_scaler.hpp"
#include "ferry/steps/normalizer.hpp"
#include "ferry/steps/binarizer.hpp"
#include "ferry/steps/polynomial_features.hpp"
#include "ferry/steps/pca.hpp"
#include "ferry/steps/kbins_discretizer.hpp"

namespace ferry {

/// Every step kind ferry can carry: a closed set, so an artifact can only name known kinds.
/// New kinds are appended; the artifact stores a stable kind id, not the variant index.
using Step = std::variant<SimpleImputer, StandardScaler, LogisticRegression, LinearRegression, Ridge,
                          MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer, Binarizer, Lasso,
                          ElasticNet, PoissonRegressor, OneHotEncoder, OrdinalEncoder,
                          ColumnTransformer, MissingIndicator, PolynomialFeatures, PCA,
                          KBinsDiscretizer, Expressions>;

/// A step with its name in the pipeline.
struct NamedStep {
  std::string name;  ///< Unique within the pipeline.
  Step step;         ///< Parameters, and fitted attributes once fitted.
};

/// The kind name of a step, e.g. "StandardScaler".
FERRY_API const char* step_kind_name(const Step& step);
/// A fitted transformer's output column names for the given input names (scikit-learn's
/// get_feature_names_out); throws SchemaError when the count differs from its input width.
FERRY_API std::vector<std::string> step_feature_names_out(const Step& step,
                                                          const std::vector<std::string>& in);
/// True when the step is a model (predicts) rather than a transformer.
FERRY_API bool is_model(const Step& step);

}  // namespace ferry
