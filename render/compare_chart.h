// The answer to "PM or TPM?" as a pay chart: one drawing for `careergraph compare --chart` and
// for POST /v1/compare with `Accept: image/svg+xml`.
#pragma once

#include <string>

#include "careergraph/v1/compare.pb.h"
#include "render/svg_chart.h"

namespace careergraph::render {

// "Staff Software Engineer: pm or tpm?"
std::string CompareQuestion(const v1::CompareResponse& r);

// Per reachable option, its best-plan pay (solid) and expected pay (dashed) over the years.
LineChart CompareChart(const v1::CompareResponse& r, const std::string& currency);

// The standalone SVG document of CompareChart.
std::string CompareChartSvg(const v1::CompareResponse& r, const std::string& currency);

}  // namespace careergraph::render
