#include <cmath>

#include "ferry/errors.hpp"
#include "ferry/pipeline.hpp"

namespace ferry {

Target::Target(std::vector<double> values) : type_(DType::float64) {
  values_.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]))
      throw SchemaError("y: expected finite values, found " + Value(values[i]).to_string() +
                        " at row " + std::to_string(i));
    values_.emplace_back(values[i]);
  }
}

Target::Target(std::vector<std::int64_t> values) : type_(DType::int64) {
  values_.reserve(values.size());
  for (auto v : values) values_.emplace_back(v);
}

Target::Target(std::vector<std::string> values) : type_(DType::string) {
  values_.reserve(values.size());
  for (auto& v : values) values_.emplace_back(std::move(v));
}

Target::Target(std::vector<Value> values) : values_(std::move(values)) {
  if (values_.empty()) return;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const Value& v = values_[i];
    if (v.is_null())
      throw SchemaError("y: expected a label, found null at row " + std::to_string(i));
    if (v.is_double() && !std::isfinite(v.as_double()))
      throw SchemaError("y: expected finite values, found " + v.to_string() + " at row " +
                        std::to_string(i));
    if (v.storage().index() != values_[0].storage().index())
      throw SchemaError(std::string("y: expected labels of one type (") +
                        values_[0].type_name() + " at row 0), found " + v.type_name() +
                        " at row " + std::to_string(i));
  }
  const Value& first = values_[0];
  type_ = first.is_double() ? DType::float64
          : first.is_int()  ? DType::int64
          : first.is_bool() ? DType::boolean
                            : DType::string;
}

}  // namespace ferry
