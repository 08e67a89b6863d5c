// Evaluation as the studio's Quality panel and the command line's `evaluate` both run it:
// generate N solos over a progression from a model and score them against the model's own
// corpus (core/evaluate), feature by feature, with the quality targets checked; or score
// solo files someone else made against a corpus file.
#pragma once

#include "evaluate/Evaluation.h"
#include "generate/Generator.h"
#include "generate/Progression.h"
#include "model/ModelFile.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jazz::studio {

struct EvaluationPlan {
    int solos = 100;
    uint32_t firstSeed = 0; // solo i is generated from seed firstSeed + i
    // Sampling (temperature, top-k) and decoding; its seed is replaced per solo.
    generate::GenerateOptions generation;
};

struct EvaluationOutcome {
    evaluate::Report report;                    // empty when cancelled
    std::vector<evaluate::TargetCheck> targets; // checkTargets(report)
    int solos = 0;                              // lines scored
    int corpusLines = 0;                        // lines they were scored against
    bool cancelled = false;
    int targetsMet() const;
};

// The model's corpus melody (and its chords) as one line, the yardstick its solos are
// measured against; none when the model keeps no melody (files saved by an older build).
// Each front end says in its own words what to do then, so this does not throw.
std::optional<evaluate::Line> modelCorpusLine(const model::TrainedModel& m);

// onSolo(done, total) runs on the calling thread after each generated solo; cancel stops
// between two solos (the outcome is then marked cancelled and holds no report). Throws
// jazz::Error when the model keeps no corpus melody or a solo cannot be generated.
EvaluationOutcome runEvaluation(const model::TrainedModel& m,
                                const generate::Progression& progression,
                                const EvaluationPlan& plan,
                                const std::function<void(int done, int total)>& onSolo = {},
                                const std::atomic<bool>* cancel = nullptr);

// Every lead sheet in the solo files scored against every one in the corpus file (read with
// the default import options). Throws jazz::Error naming a file that cannot be read.
EvaluationOutcome evaluateFiles(const std::string& corpusFile,
                                const std::vector<std::string>& soloFiles);

} // namespace jazz::studio
