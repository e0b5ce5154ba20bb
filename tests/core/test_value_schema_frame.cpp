// Values, rows, schemas and frames: construction, lookup, and the errors bad input gets.
#include <catch2/catch.hpp>
#include <cmath>

#include "ferry/ferry.hpp"

using namespace ferry;

TEST_CASE("Value keeps the type it was given", "[data]") {
  CHECK(Value(1.5).is_double());
  CHECK(Value(7).is_int());
  CHECK(Value(std::int64_t{7}).as_int() == 7);
  CHECK(Value(true).is_bool());
  CHECK(Value("F").is_string());  // a string literal is not a bool
  CHECK(Value().is_null());
  CHECK(Value(nullptr).is_null());
  CHECK(Value("F").to_string() == "\"F\"");
  CHECK(Value(0.1).to_string() == "0.1");
  CHECK_THROWS_AS(Value("x").as_double(), SchemaError);
  CHECK_THROWS_WITH(Value("x").as_double(), "expected a float64 value, found string \"x\"");
}

TEST_CASE("Row looks values up by name", "[data]") {
  Row r{{"plas", 148.0}, {"age", 50}, {"sex", "F"}};
  REQUIRE(r.find("plas"));
  CHECK(r.find("plas")->as_double() == 148.0);
  CHECK(r.find("age")->as_int() == 50);
  CHECK(r.find("missing") == nullptr);
  r.set("plas", 1.0);
  CHECK(r.find("plas")->as_double() == 1.0);
  CHECK(r.cells().size() == 3);
}

TEST_CASE("Schema refuses empty and duplicate names", "[data]") {
  Schema s;
  s.add({"a", DType::float64, true});
  CHECK_THROWS_WITH(s.add({"a", DType::int64, true}),
                    "expected unique column names, found 'a' twice");
  CHECK_THROWS_AS(s.add({"", DType::int64, true}), SchemaError);
  CHECK(s.index_of("a") == std::size_t{0});
  CHECK_FALSE(s.index_of("b"));
  CHECK(s.all_numeric());
  s.add({"b", DType::string, true});
  CHECK_FALSE(s.all_numeric());
}

TEST_CASE("Frame checks lengths, masks and nullability", "[data]") {
  Frame f;
  f.add_float64("x", {1.0, std::nan(""), 3.0});
  CHECK_THROWS_WITH(f.add_float64("y", {1.0, 2.0}),
                    "column 'y': expected 3 rows like the columns before it, found 2");
  CHECK_THROWS_WITH(Frame().add_float64("z", {std::nan("")}, /*nullable=*/false),
                    "column 'z' does not allow missing values, found NaN at row 0");
  CHECK_THROWS_AS(f.add_int64("i", {1, 2, 3}, {1, 1}), SchemaError);
  CHECK_THROWS_AS(f.add_bool("b", {0, 2, 1}), SchemaError);
  f.add_int64("i", {1, 2, 3}, {1, 0, 1});
  f.add_string("s", {"a", "", "c"}, {1, 0, 1});
  f.add_bool("b", {1, 0, 1});
  CHECK(f.rows() == 3);
  CHECK(f.cols() == 4);
  CHECK(f.column("x").is_missing(1));
  CHECK(f.column("i").is_missing(1));
  CHECK(f.column("i").value(2) == Value(3));
  CHECK(f.column("s").value(1).is_null());
  CHECK(f.column("b").value(0) == Value(true));
  CHECK_THROWS_WITH(f.column("nope"), "missing column 'nope'");
  Row r = f.row(2);
  CHECK(r.find("s")->as_string() == "c");
}

TEST_CASE("Frame::from_rows matches by name and checks types", "[data]") {
  Schema s({{"a", DType::float64, true}, {"n", DType::int64, false}, {"s", DType::string, true}});
  Frame f = Frame::from_rows(s, {Row{{"n", 1}, {"a", 2.5}, {"s", "x"}, {"extra", true}},
                                 Row{{"a", nullptr}, {"n", 2}, {"s", nullptr}}});
  CHECK(f.rows() == 2);
  CHECK(f.column("a").is_missing(1));
  CHECK(f.column("s").is_missing(1));
  CHECK_THROWS_WITH(Frame::from_rows(s, {Row{{"a", 1.0}, {"s", "x"}}}), "row 0: missing column 'n'");
  CHECK_THROWS_WITH(Frame::from_rows(s, {Row{{"a", 1.0}, {"n", nullptr}, {"s", "x"}}}),
                    "row 0: column 'n' does not allow missing values, found null");
  CHECK_THROWS_WITH(Frame::from_rows(s, {Row{{"a", "x"}, {"n", 1}, {"s", "x"}}}),
                    "row 0: column 'a' expected float64, found string \"x\"");
}

TEST_CASE("Frame::from_matrix reads row-major numbers", "[data]") {
  const double m[] = {1, 2, 3, 4, 5, 6};
  Frame f = Frame::from_matrix({"a", "b"}, m, 3, 2);
  CHECK(f.column("b").value(2) == Value(6.0));
  CHECK_THROWS_WITH(Frame::from_matrix({"a"}, m, 3, 2), "expected 2 column names, found 1");
}
