#include "io/csv_writer.h"

#include <charconv>
#include <cmath>

#include "engine/pay_basis.h"
#include "io/csv_catalogue.h"

namespace careergraph::io {

std::string CsvQuote(std::string_view s) {
  if (s.find_first_of(",\"\n\r\t") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvNumber(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

CsvTables WriteCsvTables(const CareerGraph& g) {
  const v1::Metadata& md = g.metadata();
  CsvTables out;
  // How sure each pay is, as three columns when any position says so (a ladder that never does
  // keeps the table it was written in).
  bool basis = false;
  for (const auto& p : g.positions())
    basis |= p.pay_basis() != v1::PAY_BASIS_UNSPECIFIED || p.has_pay_error() || !p.pay_source().empty();
  out.positions = "id,title,org,track,level,pay,ambiguity,leadership,tags,level_label,description" +
                  std::string(basis ? ",pay_basis,pay_error,pay_source" : "") + ProfileHeader(md) + "\n";
  for (const auto& p : g.positions()) {
    const std::string tags = CsvTagsCell(p.tags());
    out.positions += CsvQuote(p.id()) + "," + CsvQuote(p.title()) + "," + CsvQuote(p.org()) + "," + CsvQuote(p.track()) +
                     "," + std::to_string(p.level()) + "," + (p.has_annual_pay() ? CsvNumber(p.annual_pay()) : "") + "," +
                     (p.has_ambiguity() ? CsvNumber(p.ambiguity()) : "") + "," +
                     (p.has_leadership() ? CsvNumber(p.leadership()) : "") + "," + CsvQuote(tags) + "," +
                     CsvQuote(p.level_label()) + "," + CsvQuote(p.description()) +
                     (basis ? "," + std::string(PayBasisName(p.pay_basis())) + "," +
                                  (p.has_pay_error() ? CsvNumber(p.pay_error()) : "") + "," + CsvQuote(p.pay_source())
                            : "") +
                     ProfileCells(md, p) + "\n";
  }
  out.transitions = "from,to,kind,years,probability,provenance\n";
  for (EdgeId e = 0; e < g.num_transitions(); ++e)
    out.transitions += CsvQuote(g.position(g.source(e)).id()) + "," + CsvQuote(g.position(g.target(e)).id()) + "," +
                       std::string(TransitionKindName(g.kind(e))) + "," + CsvNumber(g.years(e)) + "," +
                       CsvNumber(g.probability(e)) + "," + CsvQuote(g.provenance(e)) + "\n";
  out.graph = GraphCsv(md);
  out.sources = SourcesCsv(md);
  out.tracks = TracksCsv(md);
  out.competencies = CompetenciesCsv(md);
  return out;
}

}  // namespace careergraph::io
