#include "steps/missing_mask.hpp"

namespace ferry::detail {

std::vector<std::size_t> columns_with_missing(const FitInput& in, double marker) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto d = static_cast<std::size_t>(in.X.cols());
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < d; ++j) {
    const bool text = (*in.types)[j] == DType::string;
    for (std::size_t i = 0; i < n; ++i) {
      // Row-major fit data: a row is the block n = 1.
      const Cols row{in.X.row(static_cast<Eigen::Index>(i)).data(), text ? in.text + i * d : nullptr};
      if (missing_cell(row, text, j, 0, 1, marker)) {
        out.push_back(j);
        break;
      }
    }
  }
  return out;
}

void write_indicators(const std::vector<std::size_t>& columns, const std::vector<DType>& types,
                      Cols in, double marker, double* out, std::size_t n) {
  for (std::size_t q = 0; q < columns.size(); ++q) {
    const std::size_t j = columns[q];
    const bool text = types[j] == DType::string;
    for (std::size_t i = 0; i < n; ++i)
      out[q * n + i] = missing_cell(in, text, j, i, n, marker) ? 1.0 : 0.0;
  }
}

}  // namespace ferry::detail
