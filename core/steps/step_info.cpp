#include <type_traits>

#include "ferry/errors.hpp"
#include "steps/step_ops.hpp"

namespace ferry {

const char* step_kind_name(const Step& step) {
  return std::visit(
      [](const auto& s) -> const char* {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, SimpleImputer>) return "SimpleImputer";
        else if constexpr (std::is_same_v<T, StandardScaler>) return "StandardScaler";
        else if constexpr (std::is_same_v<T, LogisticRegression>) return "LogisticRegression";
        else if constexpr (std::is_same_v<T, LinearRegression>) return "LinearRegression";
        else if constexpr (std::is_same_v<T, Ridge>) return "Ridge";
        else if constexpr (std::is_same_v<T, MinMaxScaler>) return "MinMaxScaler";
        else if constexpr (std::is_same_v<T, MaxAbsScaler>) return "MaxAbsScaler";
        else if constexpr (std::is_same_v<T, RobustScaler>) return "RobustScaler";
        else if constexpr (std::is_same_v<T, Normalizer>) return "Normalizer";
        else if constexpr (std::is_same_v<T, Binarizer>) return "Binarizer";
        else if constexpr (std::is_same_v<T, Lasso>) return "Lasso";
        else if constexpr (std::is_same_v<T, ElasticNet>) return "ElasticNet";
        else if constexpr (std::is_same_v<T, PoissonRegressor>) return "PoissonRegressor";
        else if constexpr (std::is_same_v<T, OneHotEncoder>) return "OneHotEncoder";
        else if constexpr (std::is_same_v<T, OrdinalEncoder>) return "OrdinalEncoder";
        else if constexpr (std::is_same_v<T, MissingIndicator>) return "MissingIndicator";
        else if constexpr (std::is_same_v<T, ColumnTransformer>) return "ColumnTransformer";
        else if constexpr (std::is_same_v<T, PolynomialFeatures>) return "PolynomialFeatures";
        else if constexpr (std::is_same_v<T, PCA>) return "PCA";
        else if constexpr (std::is_same_v<T, KBinsDiscretizer>) return "KBinsDiscretizer";
        else {
          static_assert(std::is_same_v<T, Expressions>, "a step kind without a name");
          return "Expressions";
        }
      },
      step);
}

std::vector<std::string> step_feature_names_out(const Step& step,
                                                const std::vector<std::string>& in) {
  return std::visit(
      [&](const auto& s) -> std::vector<std::string> {
        if (detail::n_in(s) != in.size())
          throw SchemaError(std::string(step_kind_name(step)) + ": expected " +
                            std::to_string(detail::n_in(s)) + " input names, found " +
                            std::to_string(in.size()));
        return detail::names_out(s, in);
      },
      step);
}

bool is_model(const Step& step) {
  return std::visit([](const auto& s) { return detail::is_model_v<std::decay_t<decltype(s)>>; },
                    step);
}

namespace detail {

bool takes_missing(const Step& step) {
  return std::visit([](const auto& s) { return takes_missing_v<std::decay_t<decltype(s)>>; }, step);
}

StepKind step_kind(const Step& step) {
  return std::visit(
      [](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, SimpleImputer>) return StepKind::simple_imputer;
        else if constexpr (std::is_same_v<T, StandardScaler>) return StepKind::standard_scaler;
        else if constexpr (std::is_same_v<T, LogisticRegression>) return StepKind::logistic_regression;
        else if constexpr (std::is_same_v<T, LinearRegression>) return StepKind::linear_regression;
        else if constexpr (std::is_same_v<T, Ridge>) return StepKind::ridge;
        else if constexpr (std::is_same_v<T, MinMaxScaler>) return StepKind::min_max_scaler;
        else if constexpr (std::is_same_v<T, MaxAbsScaler>) return StepKind::max_abs_scaler;
        else if constexpr (std::is_same_v<T, RobustScaler>) return StepKind::robust_scaler;
        else if constexpr (std::is_same_v<T, Normalizer>) return StepKind::normalizer;
        else if constexpr (std::is_same_v<T, Binarizer>) return StepKind::binarizer;
        else if constexpr (std::is_same_v<T, Lasso>) return StepKind::lasso;
        else if constexpr (std::is_same_v<T, ElasticNet>) return StepKind::elastic_net;
        else if constexpr (std::is_same_v<T, PoissonRegressor>) return StepKind::poisson_regressor;
        else if constexpr (std::is_same_v<T, OneHotEncoder>) return StepKind::one_hot_encoder;
        else if constexpr (std::is_same_v<T, OrdinalEncoder>) return StepKind::ordinal_encoder;
        else if constexpr (std::is_same_v<T, MissingIndicator>) return StepKind::missing_indicator;
        else if constexpr (std::is_same_v<T, ColumnTransformer>) return StepKind::column_transformer;
        else if constexpr (std::is_same_v<T, PolynomialFeatures>) return StepKind::polynomial_features;
        else if constexpr (std::is_same_v<T, PCA>) return StepKind::pca;
        else if constexpr (std::is_same_v<T, KBinsDiscretizer>) return StepKind::kbins_discretizer;
        else {
          static_assert(std::is_same_v<T, Expressions>, "a step kind without an id");
          return StepKind::expressions;
        }
      },
      step);
}

}  // namespace detail
}  // namespace ferry
