#pragma once
// What Lasso and ElasticNet share: parameter checks, the fit (weighted centering as scikit-learn's
// _pre_fit does, then coordinate descent), and the load-time checks. Lasso is l1_ratio = 1.
#include <string>
#include <vector>

#include "steps/fit_input.hpp"

namespace ferry::detail {

struct EnetParams {
  const char* kind;  // for messages
  double alpha;
  double l1_ratio;
  bool fit_intercept;
  int max_iter;
  double tol;
  bool positive;
};

struct EnetFitted {
  std::vector<double> coef;
  double intercept = 0.0;
  int n_iter = 0;
  double dual_gap = 0.0;
};

/// ParameterError naming the parameter, the expected range and the value found.
void check_enet_params(const EnetParams& p);

EnetFitted fit_enet(const EnetParams& p, const FitInput& in);

/// ArtifactError unless the loaded parameters and fitted fields are consistent and finite.
void validate_enet(const EnetParams& p, const std::vector<double>& coef, double intercept,
                   int n_iter, double dual_gap, std::size_t n_features_in);

}  // namespace ferry::detail
