// OneHotEncoder and ColumnTransformer: typed columns (strings, ints, bools, numbers) through the
// kernel, scikit-learn's category rules, routing by name, and the errors a caller gets.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

NamedStep one_hot(OneHotEncoder e = {}) { return {"onehot", e}; }

std::vector<double> transform_row(const Pipeline& p, Row row) { return p.transform(row); }

bool same_bits(const std::vector<double>& a, const double* b) {
  return std::memcmp(a.data(), b, a.size() * sizeof(double)) == 0;
}

Frame colors() {
  Frame f;
  f.add_string("color", {"red", "blue", "green", "blue", "red", "blue"});
  f.add_int64("size", {3, 1, 2, 1, 3, 3});
  f.add_float64("w", {1.5, kNaN, 2.5, 3.5, 0.5, 1.0});
  return f;
}

}  // namespace

TEST_CASE("OneHotEncoder learns sorted categories per column and encodes by lookup", "[encoders]") {
  Pipeline p({one_hot()});
  Frame f;
  f.add_string("color", {"red", "blue", "green", "blue"});
  f.add_int64("size", {3, 1, 2, 1});
  p.fit(f);
  const auto& e = std::get<OneHotEncoder>(p.steps()[0].step);
  CHECK(e.categories_[0] == std::vector<Value>{"blue", "green", "red"});
  CHECK(e.categories_[1] == std::vector<Value>{std::int64_t{1}, std::int64_t{2}, std::int64_t{3}});
  CHECK(p.feature_names_out() == std::vector<std::string>{"color_blue", "color_green", "color_red",
                                                          "size_1", "size_2", "size_3"});
  CHECK(transform_row(p, Row{{"color", "green"}, {"size", std::int64_t{3}}}) ==
        std::vector<double>{0, 1, 0, 0, 0, 1});
  Array2D all = p.transform(f);
  CHECK(all.rows == 4);
  CHECK(std::vector<double>(all.row(1), all.row(1) + 6) == std::vector<double>{1, 0, 0, 1, 0, 0});
  CHECK_THROWS_WITH(transform_row(p, Row{{"color", "purple"}, {"size", std::int64_t{3}}}),
                    "OneHotEncoder: column 'color' has the value 'purple', which is not among the 3 "
                    "categories seen at fit (blue, green, red); handle_unknown='ignore' or "
                    "'infrequent_if_exist' would accept it");
  CHECK_THROWS_AS(transform_row(p, Row{{"color", 1.0}, {"size", std::int64_t{3}}}), SchemaError);
}

TEST_CASE("A dictionary string column reads as the same strings", "[encoders]") {
  Frame plain, coded;
  plain.add_string("c", {"b", "a", "", "b"}, {1, 1, 0, 1});
  coded.add_dictionary("c", {0, 1, -1, 0}, {"b", "a"});
  CHECK(coded.column(0).value(2).is_null());
  CHECK(coded.row(3).find("c")->as_string() == "b");
  Pipeline p({one_hot()});
  p.fit(plain);
  CHECK(p.transform(coded).values == p.transform(plain).values);
  Pipeline q({one_hot()});
  q.fit(coded);
  CHECK(q.transform(plain).values == p.transform(plain).values);
  CHECK_THROWS_WITH(Frame().add_dictionary("c", {0, 2}, {"x", "y"}),
                    "column 'c': expected codes from -1 (missing) to 1, found 2 at row 1");
  CHECK_THROWS_WITH(Frame().add_dictionary("c", {-1}, {"x"}, false),
                    "column 'c' does not allow missing values, found one at row 0");
}

TEST_CASE("OneHotEncoder: unknowns, missing values, drop and infrequent categories", "[encoders]") {
  Frame f;
  f.add_string("c", {"a", "b", "b", "c", "c", "c", "d"}, {1, 1, 1, 1, 1, 1, 0});
  SECTION("a missing value seen at fit is a category of its own, sorted last") {
    Pipeline p({one_hot()});
    p.fit(f);
    CHECK(p.feature_names_out() == std::vector<std::string>{"c_a", "c_b", "c_c", "c_None"});
    CHECK(transform_row(p, Row{{"c", Value()}}) == std::vector<double>{0, 0, 0, 1});
  }
  SECTION("in a float64 column NaN is the missing category, however often it occurs") {
    Frame g;
    g.add_float64("f", {0.5, kNaN, 2.0, 0.5, kNaN});
    Pipeline p({one_hot()});
    p.fit(g);
    CHECK(p.feature_names_out() == std::vector<std::string>{"f_0.5", "f_2.0", "f_nan"});
    CHECK(transform_row(p, Row{{"f", kNaN}}) == std::vector<double>{0, 0, 1});
  }
  SECTION("ignore writes zeros for an unknown category") {
    OneHotEncoder e;
    e.handle_unknown = HandleUnknown::ignore;
    Pipeline p({one_hot(e)});
    p.fit(f);
    CHECK(transform_row(p, Row{{"c", "zzz"}}) == std::vector<double>{0, 0, 0, 0});
  }
  SECTION("drop first and if_binary") {
    OneHotEncoder e;
    e.drop = OneHotDrop::first;
    Pipeline p({one_hot(e)});
    p.fit(f);
    CHECK(p.feature_names_out() == std::vector<std::string>{"c_b", "c_c", "c_None"});
    CHECK(transform_row(p, Row{{"c", "a"}}) == std::vector<double>{0, 0, 0});
    Frame two;
    two.add_bool("flag", {1, 0, 1});
    two.add_string("c", {"x", "y", "z"});
    e.drop = OneHotDrop::if_binary;
    Pipeline q({one_hot(e)});
    q.fit(two);
    CHECK(q.feature_names_out() == std::vector<std::string>{"flag_True", "c_x", "c_y", "c_z"});
  }
  SECTION("min_frequency groups rare categories; unknowns join them under infrequent_if_exist") {
    OneHotEncoder e;
    e.min_frequency = 2;
    e.handle_unknown = HandleUnknown::infrequent_if_exist;
    Pipeline p({one_hot(e)});
    p.fit(f);
    CHECK(p.feature_names_out() == std::vector<std::string>{"c_b", "c_c", "c_infrequent_sklearn"});
    CHECK(transform_row(p, Row{{"c", "a"}}) == std::vector<double>{0, 0, 1});
    CHECK(transform_row(p, Row{{"c", Value()}}) == std::vector<double>{0, 0, 1});
    CHECK(transform_row(p, Row{{"c", "new"}}) == std::vector<double>{0, 0, 1});
  }
  SECTION("max_categories counts the infrequent column; ties keep category order") {
    OneHotEncoder e;
    e.max_categories = 2;
    Pipeline p({one_hot(e)});
    p.fit(f);
    CHECK(p.feature_names_out() == std::vector<std::string>{"c_c", "c_infrequent_sklearn"});
  }
  SECTION("given categories: values outside them are refused at fit") {
    OneHotEncoder e;
    e.categories = {{"c", "b", "a"}};
    Pipeline p({one_hot(e)});
    CHECK_THROWS_WITH(p.fit(f), "OneHotEncoder: column 'c' has the value None at row 6, which is not "
                                "among the given categories (c, b, a)");
    e.handle_unknown = HandleUnknown::ignore;
    Pipeline q({one_hot(e)});
    q.fit(f);
    CHECK(q.feature_names_out() == std::vector<std::string>{"c_c", "c_b", "c_a"});
  }
  SECTION("bad parameters") {
    OneHotEncoder e;
    e.min_frequency = 2.5;
    CHECK_THROWS_WITH(Pipeline({one_hot(e)}),
                      "OneHotEncoder: min_frequency expected 0 (off), a fraction in (0, 1) or a "
                      "whole count >= 1, found 2.5");
    OneHotEncoder g;
    g.categories = {{std::int64_t{3}, std::int64_t{1}}};
    Frame ints;
    ints.add_int64("n", {1, 3});
    CHECK_THROWS_WITH(Pipeline({one_hot(g)}).fit(ints),
                      "OneHotEncoder: categories for numeric column 'n' expected in ascending "
                      "order, found 3, 1");
  }
}

TEST_CASE("OrdinalEncoder codes categories by position; unknown and missing as configured",
          "[encoders]") {
  Frame f;
  f.add_string("c", {"b", "a", "", "b", "c"}, {1, 1, 0, 1, 1});
  f.add_float64("x", {2.5, 1.0, 2.5, kNaN, 1.0});
  OrdinalEncoder e;
  e.handle_unknown = OrdinalUnknown::use_encoded_value;
  e.unknown_value = -1;
  Pipeline p({{"ordinal", e}});
  p.fit(f);
  CHECK(p.feature_names_out() == std::vector<std::string>{"c", "x"});
  const Array2D out = p.transform(f);
  CHECK(out(0, 0) == 1.0);
  CHECK(out(1, 0) == 0.0);
  CHECK(std::isnan(out(2, 0)));  // missing: encoded_missing_value, NaN by default
  CHECK(out(4, 0) == 2.0);
  CHECK(out(0, 1) == 1.0);
  CHECK(std::isnan(out(3, 1)));
  CHECK(transform_row(p, Row{{"c", "zzz"}, {"x", 7.0}}) == std::vector<double>{-1, -1});

  OrdinalEncoder strict;
  Pipeline q({{"ordinal", strict}});
  q.fit(f);
  CHECK_THROWS_WITH(transform_row(q, Row{{"c", "zzz"}, {"x", 1.0}}),
                    "OrdinalEncoder: column 'c' has the value 'zzz', which is not among the 4 "
                    "categories seen at fit (a, b, c, None); "
                    "handle_unknown='use_encoded_value' would accept it");
  OrdinalEncoder taken = e;
  taken.unknown_value = 1;
  CHECK_THROWS_WITH(Pipeline({{"ordinal", taken}}).fit(f),
                    "OrdinalEncoder: unknown_value 1 is one of the codes of the categories of "
                    "column 'c' (0 to 2); choose another value");
  // A NaN code reaches a model only through an imputer: the schema says so.
  Pipeline model({{"ordinal", e}, {"model", LogisticRegression{}}});
  CHECK_THROWS_AS(model.fit(f, Target(std::vector<std::string>{"y", "n", "y", "n", "y"})),
                  SchemaError);
}

TEST_CASE("SimpleImputer fills string columns; add_indicator and MissingIndicator mark missing",
          "[encoders]") {
  Frame f;
  f.add_string("c", {"b", "a", "", "b", "a", "b"}, {1, 1, 0, 1, 1, 1});
  f.add_float64("x", {2.0, kNaN, 4.0, 0.0, 1.0, 3.0});
  f.add_float64("z", {1.0, 2.0, 3.0, 4.0, 5.0, 6.0});
  SimpleImputer imp;
  imp.strategy = ImputeStrategy::most_frequent;
  imp.add_indicator = true;
  Pipeline p({{"impute", imp}, {"onehot", OneHotEncoder{}}});
  p.fit(f);
  const auto& fitted = std::get<SimpleImputer>(p.steps()[0].step);
  CHECK(fitted.text_statistics_[0] == "b");   // the most frequent string
  CHECK(fitted.statistics_[1] == 0.0);        // ties go to the smallest number
  CHECK(fitted.indicator_features_ == std::vector<std::size_t>{0, 1});
  CHECK(p.feature_names_out() ==
        std::vector<std::string>{"c_a", "c_b", "x_0.0", "x_1.0", "x_2.0", "x_3.0", "x_4.0",
                                 "z_1.0", "z_2.0", "z_3.0", "z_4.0", "z_5.0", "z_6.0",
                                 "missingindicator_c_False", "missingindicator_c_True",
                                 "missingindicator_x_False", "missingindicator_x_True"});
  const std::vector<double> row = transform_row(p, Row{{"c", Value()}, {"x", 2.0}, {"z", 1.0}});
  CHECK(row[1] == 1.0);   // c imputed as "b"
  CHECK(row[14] == 1.0);  // missingindicator_c_True: c was missing
  CHECK(row[15] == 1.0);  // missingindicator_x_False: x was not
  SimpleImputer mean;
  Pipeline q({{"impute", mean}, {"onehot", OneHotEncoder{}}});
  CHECK_THROWS_WITH(q.fit(f), "SimpleImputer: strategy 'mean' cannot impute the string column "
                              "'c': use most_frequent or constant");
  Pipeline alone({{"impute", imp}});
  CHECK_THROWS_AS(alone.fit(f), SchemaError);  // strings cannot leave a pipeline

  MissingIndicator mi;
  mi.missing_values = 0.0;
  Pipeline m({{"flags", mi}});
  m.fit(f);
  CHECK(m.feature_names_out() == std::vector<std::string>{"missingindicator_c", "missingindicator_x"});
  CHECK(transform_row(m, Row{{"c", "a"}, {"x", 0.0}, {"z", 1.0}}) == std::vector<double>{0, 1});
  CHECK_THROWS_WITH(transform_row(m, Row{{"c", "a"}, {"x", 1.0}, {"z", kNaN}}),
                    "MissingIndicator: column 'z' has a missing value, but it had none at fit, so "
                    "no indicator column reports it (error_on_new=False would ignore it)");
  const Pipeline loaded = Pipeline::from_bytes(m.to_bytes());
  CHECK(loaded.transform(f).values == m.transform(f).values);
}

TEST_CASE("ColumnTransformer routes columns by name, and types flow through", "[encoders]") {
  ColumnTransformer ct;
  SimpleImputer imp;
  ct.transformers = {
      {"num", {{"impute", imp}, {"scale", StandardScaler{}}}, {"w", "size"}, false, {}},
      {"cat", {{"onehot", OneHotEncoder{}}}, {"color"}, false, {}},
  };
  Pipeline p({{"features", ct}, {"model", LogisticRegression{}}});
  const Frame f = colors();
  p.fit(f, Target(std::vector<std::string>{"y", "n", "y", "n", "y", "n"}));
  CHECK(p.feature_names_out() ==
        std::vector<std::string>{"num__w", "num__size", "cat__color_blue", "cat__color_green",
                                 "cat__color_red"});
  // Row, Frame and saved-and-loaded pipeline give the same bits.
  const Array2D batch = p.predict_proba(f);
  const Pipeline loaded = Pipeline::from_bytes(p.to_bytes());
  const Array2D batch2 = loaded.predict_proba(f);
  CHECK(batch.values == batch2.values);
  for (std::size_t i = 0; i < f.rows(); ++i) {
    CHECK(same_bits(p.predict_proba(f.row(i)), batch.row(i)));
    CHECK(same_bits(loaded.predict_proba(f.row(i)), batch.row(i)));
  }
  // Missing w is imputed; a missing color is an unknown category for the encoder.
  CHECK_NOTHROW(p.predict_proba(Row{{"color", "red"}, {"size", std::int64_t{1}}, {"w", Value()}}));
  CHECK_THROWS_AS(p.predict_proba(Row{{"color", Value()}, {"size", std::int64_t{1}}, {"w", 1.0}}),
                  SchemaError);

  SECTION("remainder passthrough keeps the other columns, after the branches") {
    ColumnTransformer pass = ct;
    pass.transformers.pop_back();
    pass.transformers.push_back({"cat", {{"onehot", OneHotEncoder{}}}, {"color"}, false, {}});
    pass.transformers[0].columns = {"w"};
    pass.remainder = Remainder::passthrough;
    Pipeline t({{"features", pass}});
    t.fit(f);
    CHECK(t.feature_names_out() ==
          std::vector<std::string>{"num__w", "cat__color_blue", "cat__color_green", "cat__color_red",
                                   "remainder__size"});
    CHECK(t.transform(f.row(0))[4] == 3.0);
  }
  SECTION("a string column routed to a numeric step is caught at fit, naming both") {
    ColumnTransformer wrong = ct;
    wrong.transformers[0].columns = {"w", "color"};
    Pipeline q({{"features", wrong}, {"model", LogisticRegression{}}});
    CHECK_THROWS_WITH(q.fit(f, Target(std::vector<std::string>{"y", "n", "y", "n", "y", "n"})),
                      "ColumnTransformer branch 'num': SimpleImputer: strategy 'mean' cannot "
                      "impute the string column 'color': use most_frequent or constant");
    SimpleImputer frequent;
    frequent.strategy = ImputeStrategy::most_frequent;
    wrong.transformers[0].steps[0].step = frequent;
    Pipeline r({{"features", wrong}, {"model", LogisticRegression{}}});
    CHECK_THROWS_WITH(r.fit(f, Target(std::vector<std::string>{"y", "n", "y", "n", "y", "n"})),
                      "ColumnTransformer branch 'num': column 'color' is a string column, but step "
                      "'scale' (StandardScaler) reads numbers only (float64, int64, bool): encode "
                      "it first, for example with a OneHotEncoder");
  }
  SECTION("an unknown column is named with the ones that exist") {
    ColumnTransformer wrong = ct;
    wrong.transformers[1].columns = {"colour"};
    Pipeline q({{"features", wrong}});
    CHECK_THROWS_WITH(q.fit(f), "ColumnTransformer branch 'cat': column 'colour' is not among the "
                                "input columns (color, size, w)");
  }
  SECTION("a string column passed through to the model is refused") {
    ColumnTransformer pass;
    pass.transformers = {{"num", {{"scale", StandardScaler{}}}, {"size"}, false, {}}};
    pass.remainder = Remainder::passthrough;
    Pipeline q({{"features", pass}, {"model", LogisticRegression{}}});
    CHECK_THROWS_AS(q.fit(f, Target(std::vector<std::string>{"y", "n", "y", "n", "y", "n"})),
                    SchemaError);
  }
}

TEST_CASE("A loaded ColumnTransformer is validated", "[encoders]") {
  ColumnTransformer ct;
  ct.transformers = {{"cat", {{"onehot", OneHotEncoder{}}}, {"color"}, false, {}}};
  ct.remainder = Remainder::passthrough;
  Pipeline p({{"features", ct}});
  p.fit(colors());
  std::vector<std::uint8_t> good = p.to_bytes();
  CHECK(same_bits(Pipeline::from_bytes(good).transform(colors()).values,
                  p.transform(colors()).values.data()));  // NaN passes through: compare bits
  using artifact_test::find;
  using artifact_test::length_prefixed;
  artifact_test::Bytes payload = artifact_test::payload_of(good);
  // A branch: its name, drop (u8), its columns (count, strings), its indices_ (count, u64s).
  const std::size_t branch = find(payload, length_prefixed("cat"));
  const std::size_t column = find(payload, length_prefixed("color"), branch);
  const std::size_t index = column + 8 + 5 + 8;
  REQUIRE(artifact_test::get_le(payload, index, 8) == 0);
  SECTION("a branch column at the wrong input position") {
    artifact_test::set_le(payload, index, 1, 8);
    CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload)),
                      "invalid artifact: step \"features\": ColumnTransformer branch 'cat': column "
                      "'color' expected at its input position, found position 1");
  }
  SECTION("a branch column beyond the input") {
    artifact_test::set_le(payload, index, 99, 8);
    CHECK_THROWS_AS(Pipeline::from_bytes(artifact_test::wrap(payload)), ArtifactError);
  }
  SECTION("every truncation and bit flip is refused without a crash") {
    for (std::size_t cut = 0; cut < payload.size(); cut += 7) {
      artifact_test::Bytes shorter(payload.begin(), payload.begin() + static_cast<long>(cut));
      CHECK_THROWS_AS(Pipeline::from_bytes(artifact_test::wrap(shorter)), ArtifactError);
    }
  }
}

TEST_CASE("ColumnTransformers nest, within a bound", "[encoders]") {
  ColumnTransformer inner;
  inner.transformers = {{"oh", {{"onehot", OneHotEncoder{}}}, {"color"}, false, {}}};
  inner.remainder = Remainder::passthrough;
  ColumnTransformer outer;
  outer.transformers = {{"in", {{"inner", inner}, {"scale", StandardScaler{}}}, {"color", "size"},
                         false, {}}};
  Pipeline p({{"outer", outer}});
  p.fit(colors());
  CHECK(p.feature_names_out() ==
        std::vector<std::string>{"in__oh__color_blue", "in__oh__color_green", "in__oh__color_red",
                                 "in__remainder__size"});
  const Pipeline loaded = Pipeline::from_bytes(p.to_bytes());
  CHECK(loaded.transform(colors()).values == p.transform(colors()).values);
}
