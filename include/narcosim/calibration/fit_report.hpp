#pragma once
// What `narcosim calibrate` writes: the fitted values (a parameters file that
// scenarios/baseline.yaml reads), the fit per target as CSV, a Markdown report (the tables of
// docs/validation.md) and an HTML report with a plot per indicator and country.
#include <string>

#include "narcosim/calibration/calibrator.hpp"

namespace narcosim::calibration {

struct ReportContext {
  std::string date;     // ISO date of the calibration
  std::string commit;   // git commit of the build
  std::string command;  // the command line that reproduces it
};

std::string fitted_parameters_yaml(const Calibrator& calibrator, const CalibrationResult& result,
                                   const ReportContext& context);
std::string fit_csv(const Calibrator& calibrator, const CalibrationResult& result);
std::string evaluations_csv(const Calibrator& calibrator, const CalibrationResult& result);
std::string fit_markdown(const Calibrator& calibrator, const CalibrationResult& result,
                         const ReportContext& context);
// `markdown`: the fit_markdown of the same result, shown under the plots.
std::string fit_html(const Calibrator& calibrator, const CalibrationResult& result,
                     const std::string& markdown);

}  // namespace narcosim::calibration
