// An O*NET / BLS tab-separated table (io/onet_tables.h) read as the OEWS wages file, the
// table with the most columns and number parsing.
#include "fuzz/fuzz_util.h"
#include "io/onet_tables.h"
#include "io/wages.h"

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  auto table = io::TsvTable::Parse(fuzz::Bytes(data, size), "fuzz.txt");
  if (!table.ok()) return 0;
  for (std::size_t row = 0; row < table->rows() && row < 64; ++row)
    for (int col = 0; col < static_cast<int>(table->header().size()) && col < 16; ++col) {
      (void)table->OptionalNumber(row, col);
      (void)table->Text(row, col);
    }
  auto wages = io::OewsWages::FromTable(*table, 239200);
  if (wages.ok()) (void)wages->PayFor("15-1252");
  return 0;
}
