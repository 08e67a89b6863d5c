// Scores generated solos against a corpus: the mean of each feature over the corpus and over
// the solos, the overlap of their per-bar distributions, and how much the solos copy.
#pragma once

#include "corpus/LeadSheet.h"
#include "evaluate/Metrics.h"
#include "generate/Generator.h"
#include "model/ModelFile.h"

#include <map>
#include <string>
#include <vector>

namespace jazz::evaluate {

Line lineFromSolo(const generate::Solo& solo);
Line lineFromLeadSheet(const corpus::LeadSheet& sheet);
// The model's own corpus as one line (its measures in order). Empty if the model file predates
// storing the corpus melody.
Line lineFromModelCorpus(const model::TrainedModel& model);

struct Report {
    std::map<std::string, double> corpus;  // feature means
    std::map<std::string, double> solos;   // feature means, plus longest_copied_run_p95
    std::map<std::string, double> overlap; // per feature, 0..1
};

Report evaluate(const std::vector<Line>& solos, const std::vector<Line>& corpus);

} // namespace jazz::evaluate
