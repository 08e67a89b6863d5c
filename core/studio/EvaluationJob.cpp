#include "studio/EvaluationJob.h"

#include "Error.h"
#include "corpus/Import.h"

namespace jazz::studio {

namespace {

EvaluationOutcome scored(const std::vector<evaluate::Line>& solos,
                         const std::vector<evaluate::Line>& corpus) {
    EvaluationOutcome out;
    out.report = evaluate::evaluate(solos, corpus);
    out.targets = evaluate::checkTargets(out.report);
    out.solos = int(solos.size());
    out.corpusLines = int(corpus.size());
    return out;
}

} // namespace

int EvaluationOutcome::targetsMet() const {
    int met = 0;
    for (const auto& t : targets)
        met += t.met;
    return met;
}

std::optional<evaluate::Line> modelCorpusLine(const model::TrainedModel& m) {
    evaluate::Line line = evaluate::lineFromModelCorpus(m);
    if (line.notes.empty())
        return std::nullopt;
    return line;
}

EvaluationOutcome runEvaluation(const model::TrainedModel& m,
                                const generate::Progression& progression,
                                const EvaluationPlan& plan,
                                const std::function<void(int done, int total)>& onSolo,
                                const std::atomic<bool>* cancel) {
    const auto corpus = modelCorpusLine(m);
    if (!corpus)
        throw Error("the model file holds no corpus melody (trained by an older build)");
    if (plan.solos < 1)
        throw Error("evaluation needs at least one solo, not " + std::to_string(plan.solos));
    auto cancelled = [&] { return cancel && cancel->load(); };
    std::vector<evaluate::Line> solos;
    solos.reserve(size_t(plan.solos));
    generate::GenerateOptions g = plan.generation;
    for (int i = 0; i < plan.solos; ++i) {
        if (cancelled())
            break;
        g.seed = plan.firstSeed + uint32_t(i);
        solos.push_back(evaluate::lineFromSolo(generate::generateSolo(m, progression, g)));
        if (onSolo)
            onSolo(i + 1, plan.solos);
    }
    if (cancelled()) {
        EvaluationOutcome out;
        out.cancelled = true;
        out.solos = int(solos.size());
        out.corpusLines = 1;
        return out;
    }
    return scored(solos, {*corpus});
}

EvaluationOutcome evaluateFiles(const std::string& corpusFile,
                                const std::vector<std::string>& soloFiles) {
    std::vector<evaluate::Line> solos, corpus;
    for (const auto& sheet : corpus::loadLeadSheets(corpusFile))
        corpus.push_back(evaluate::lineFromLeadSheet(sheet));
    for (const std::string& f : soloFiles)
        for (const auto& sheet : corpus::loadLeadSheets(f))
            solos.push_back(evaluate::lineFromLeadSheet(sheet));
    return scored(solos, corpus);
}

} // namespace jazz::studio
