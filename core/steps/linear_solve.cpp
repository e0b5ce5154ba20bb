#include "steps/linear_solve.hpp"

namespace ferry::detail {

CenteredProblem center(const FitInput& in, bool fit_intercept) {
  const Eigen::Index p = in.X.cols();
  CenteredProblem cp;
  cp.x_mean = Eigen::VectorXd::Zero(p);
  const Eigen::VectorXd& y = *in.y;
  if (fit_intercept) {
    const double total = in.weight.sum();
    cp.x_mean = (in.X.transpose() * in.weight) / total;
    cp.y_mean = in.weight.dot(y) / total;
  }
  const Eigen::ArrayXd sw = in.weight.array().sqrt();
  cp.A = (in.X.rowwise() - cp.x_mean.transpose()).array().colwise() * sw;
  cp.b = (y.array() - cp.y_mean) * sw;
  return cp;
}

}  // namespace ferry::detail
