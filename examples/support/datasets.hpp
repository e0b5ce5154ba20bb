#pragma once
// Readers for the real data sets the examples and tests use. They are not part of the core: the
// data come from Debian's weka package and from scikit-learn, fetched by scripts/, never committed.
#include <string>
#include <vector>

#include "ferry/ferry.hpp"

namespace ferry::datasets {

/// A labelled table: the features as a ferry Frame and one label per row.
struct Labelled {
  Frame X;                          ///< Features.
  std::vector<std::string> labels;  ///< Class label (or target as text) per row.
};

/// Reads a numeric/nominal ARFF file (weka's format): numeric attributes become float64 columns
/// ('?' = NaN), nominal ones string columns; the last attribute is the label.
Labelled read_arff(const std::string& path);

/// Reads scikit-learn's breast_cancer.csv (header "569,30,malignant,benign"; 30 features then a
/// 0/1 target per line); features are named as scikit-learn's feature_names with spaces as '_'.
Labelled read_sklearn_csv(const std::string& path, const std::vector<std::string>& feature_names);

/// The 30 breast_cancer feature names in scikit-learn's order, spaces replaced by '_'.
std::vector<std::string> breast_cancer_feature_names();

/// The folder holding the data files: $FERRY_DATA_DIR, else the folder set at build time.
std::string data_dir();

/// Rows [begin, end) of a labelled table, in order.
Labelled slice(const Labelled& data, std::size_t begin, std::size_t end);

/// The first n_train rows and the rest (the Pima demo uses 576/192: a fixed 75/25 split).
std::pair<Labelled, Labelled> split_at(const Labelled& data, std::size_t n_train);

}  // namespace ferry::datasets
