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

// The quality targets the studio holds its solos to: chord-tone ratio within 0.10 of the
// corpus's, pitch-class entropy (1 and 4 bars) within 0.3 bits, the longest copied run at most
// 8 notes in 95% of solos, and an overlap of at least 0.6 for every feature.
struct TargetCheck {
    std::string name;   // e.g. "chord_tone_ratio: |solos - corpus| <= 0.10"
    double value = 0;   // the measured quantity
    bool met = false;
};
std::vector<TargetCheck> checkTargets(const Report& report);

} // namespace jazz::evaluate
