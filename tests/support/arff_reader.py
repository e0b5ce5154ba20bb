"""The one Python ARFF reader of the tests and benchmarks (the data sets come from Debian's weka
package; reading them is not ferry's job, so this lives beside the tests, not in the package).
The C++ side has its own in examples/support/datasets.cpp."""


def read_arff(path):
    """Attribute names, then the data rows as lists of strings (quotes stripped, '?' kept)."""
    names, rows, in_data = [], [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith("%"):
                continue
            if not in_data:
                low = t.lower()
                if low.startswith("@attribute"):
                    rest = t[len("@attribute"):].strip()
                    if rest[0] in "'\"":
                        end = rest.index(rest[0], 1)
                        names.append(rest[1:end])
                    else:
                        names.append(rest.split()[0])
                elif low.startswith("@data"):
                    in_data = True
                continue
            cells = [c.strip().strip("'\"") for c in t.split(",")]
            if len(cells) != len(names):
                raise ValueError(f"{path}: expected {len(names)} values, found {len(cells)}")
            rows.append(cells)
    return names, rows
