#include "steps/linear_terms.hpp"

#include <string>
#include <type_traits>

#include "ferry/errors.hpp"

namespace ferry::detail {
namespace {

LinearTerms one_row(const std::vector<double>& coef, double intercept) {
  LinearTerms t;
  t.rows = 1;
  t.features = coef.size();
  t.coef = coef;
  t.intercept = {intercept};
  return t;
}

}  // namespace

LinearTerms linear_terms(const NamedStep& model) {
  return std::visit(
      [&](const auto& s) -> LinearTerms {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, LogisticRegression>) {
          LinearTerms t;
          t.rows = s.coef_.rows;
          t.features = s.coef_.cols;
          t.coef = s.coef_.values;
          t.intercept = s.intercept_;
          return t;
        } else if constexpr (std::is_same_v<T, LinearRegression> || std::is_same_v<T, Ridge> ||
                             std::is_same_v<T, Lasso> || std::is_same_v<T, ElasticNet>) {
          return one_row(s.coef_, s.intercept_);
        } else if constexpr (std::is_same_v<T, PoissonRegressor>) {
          LinearTerms t = one_row(s.coef_, s.intercept_);
          t.log_link = true;
          return t;
        } else {
          throw ParameterError("explain: expected a pipeline ending in a linear model, found step '" +
                               model.name + "' (" + step_kind_name(model.step) + ") last");
        }
      },
      model.step);
}

}  // namespace ferry::detail
