// BLS OEWS wages by SOC code, and the join that gives an occupation its annual pay.
//
// Design choices:
//  - The annual median (A_MEDIAN) is the pay: a median is what a typical holder of the
//    occupation earns, unmoved by the long right tail that lifts A_MEAN.
//  - The special markers are values, never numbers: '#' is top-coded (the median is at least
//    the published top code, $239,200 a year in May 2024), '*' means no annual estimate and
//    '**' no employment estimate. A marker is never read as 0, which would make an
//    occupation look unpaid and invert every pay comparison that touches it.
//  - PayFor walks from the detailed code to ever broader SOC groups (detailed 15-1252 ->
//    broad 15-1250 -> minor 15-1200 -> major 15-0000) and stops at the first level that
//    publishes a wage, saying which code it used, so a caller can flag the occupation.
//    OEWS publishes some detailed occupations only as their broad group, and aggregates
//    others; both are found by this walk.
//  - Where only an hourly median is published (OEWS does this for actors, dancers and
//    musicians, who typically work fewer than 2,080 hours a year), the annual figure is the
//    hourly median x 2,080: a full-time equivalent rate, comparable with other occupations,
//    which overstates what such workers earn in a year; it is flagged.
//  - The top-code value is read from the "#" note of the field descriptions file beside the
//    wages (field_descriptions.txt) unless given, so a later release's top code is used
//    without a code change.
//  - The annual percentiles (A_PCT10 .. A_PCT90) are read when the file has them, with the
//    same markers: a '#' percentile is a floor and a '*' one is unknown, so whoever places
//    an occupation within a group's wages never mistakes either for a figure. They are
//    optional: a wages file with the median alone imports as before.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace careergraph::io {

class TsvTable;

struct OccupationPay {
  double annual = 0;         // USD a year
  std::string soc;           // the OEWS code whose wage this is, e.g. "15-1250"
  std::string title;         // that code's OEWS title, e.g. "Software and Web Developers, ..."
  bool broader = false;      // `soc` is a broader group than the occupation's own code
  bool top_coded = false;    // '#': the true median is at least `annual`
  bool from_hourly = false;  // only an hourly median was published; annual = hourly x 2080
};

// One published annual wage figure, marker kept.
struct PublishedWage {
  enum class Mark { kValue, kTopCoded, kMissing };
  Mark mark = Mark::kMissing;
  // kValue: the wage. kTopCoded: the top code, a floor (the true figure is at least this),
  // when the top code is known. Never set for kMissing.
  std::optional<double> value;
};

// The annual wage distribution one OEWS row publishes, at kAt (A_PCT10, A_PCT25, A_MEDIAN,
// A_PCT75, A_PCT90).
struct AnnualPercentiles {
  static constexpr std::array<double, 5> kAt = {0.10, 0.25, 0.50, 0.75, 0.90};
  static constexpr std::size_t kMedian = 2;
  std::array<PublishedWage, 5> wage;
};

class OewsWages {
 public:
  static constexpr double kHoursPerYear = 2080;

  // `top_code`: the annual wage '#' stands for; 0 = read it from field_descriptions.txt
  // beside `path` (an error only if the file has '#' wages and no top code is known).
  static StatusOr<OewsWages> Read(const std::string& path, double top_code = 0);
  static StatusOr<OewsWages> FromTable(const TsvTable& table, double top_code);

  // The pay of SOC code `soc` ("15-1252"), walking to broader groups when needed.
  // NOT_FOUND when no level of the code's hierarchy has a wage.
  StatusOr<OccupationPay> PayFor(std::string_view soc) const;

  // The annual percentiles of exactly `soc` (no walk to broader groups); nullopt when the
  // file has no row for it. Percentiles the file has no column for are kMissing.
  std::optional<AnnualPercentiles> Percentiles(std::string_view soc) const;

  // The major group's title without the trailing " Occupations" ("15" -> "Computer and
  // Mathematical"); empty when the file has no row for it.
  std::string MajorGroupTitle(std::string_view major) const;

  double top_code() const { return top_code_; }
  std::size_t size() const { return rows_.size(); }

  // The annual top code stated in a BLS field descriptions text ("... or $239,200 per
  // year"), or 0.
  static double TopCodeFromDescriptions(std::string_view text);

 private:
  enum class Kind { kValue, kTopCoded, kMissing };
  struct Wage {
    Kind kind = Kind::kMissing;
    double value = 0;
  };
  struct Row {
    std::string title, group;
    std::array<Wage, 5> annual;  // at AnnualPercentiles::kAt; [kMedian] is the pay
    Wage hourly;
    unsigned line = 0;
  };
  // Reads one wage cell: a number (thousands separators allowed), '#', '*', '**' or empty.
  static StatusOr<Wage> ParseWage(const TsvTable& t, std::size_t row, int col);
  // The annual pay a row publishes, if any.
  bool RowPay(const Row& r, OccupationPay* out) const;

  std::map<std::string, Row, std::less<>> rows_;  // by OCC_CODE
  double top_code_ = 0;
};

}  // namespace careergraph::io
