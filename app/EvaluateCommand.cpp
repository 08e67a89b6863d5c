#include "ModelCommands.h"

#include "CliSupport.h"
#include "Error.h"
#include "generate/Generator.h"
#include "model/ModelFile.h"
#include "studio/EvaluationJob.h"

namespace jazz::app {

int runEvaluateCommand(const QStringList& args) {
    const char* usage = "jazz-studio evaluate MODEL [--solos N] [--preset P | --chords \"...\"] "
                        "[--seed S] [--temperature T] [--json]\n"
                        "       jazz-studio evaluate --corpus C.mid SOLO.mid... [--json]";
    QCommandLineParser p;
    p.addOption({"solos", "Solos to generate (default 100).", "N"});
    p.addOption({"preset", "A named progression (default: the model's corpus chords).", "P"});
    p.addOption({"chords", "Chord symbols, bar by bar.", "TEXT"});
    p.addOption({"seed", "First seed (default 0); solo i uses seed + i.", "S"});
    p.addOption({"temperature", "Sampling temperature (default 0.5; 1 for a collection model).", "T"});
    p.addOption({"notebook", "Generate as the notebook does (see jazz-studio generate --help)."});
    p.addOption({"corpus", "Score the given solo files against this corpus file.", "C"});
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "evaluate", usage, 1, 10000, &code))
        return code;
    try {
        studio::EvaluationOutcome outcome;
        if (p.isSet("corpus")) {
            std::vector<std::string> files;
            for (const QString& f : p.positionalArguments())
                files.push_back(f.toStdString());
            outcome = studio::evaluateFiles(p.value("corpus").toStdString(), files);
        } else {
            if (p.positionalArguments().size() != 1)
                throw Error("give one MODEL, or --corpus C.mid and solo files");
            const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
            if (!studio::modelCorpusLine(m))
                throw Error("the model file holds no corpus melody (trained by an older build); "
                            "use --corpus C.mid with generated solo files");
            const generate::Progression prog =
                p.isSet("chords")   ? generate::Progression::parse(p.value("chords").toStdString())
                : p.isSet("preset") ? generate::Progression::preset(p.value("preset").toStdString())
                                    : generate::corpusProgression(m);
            studio::EvaluationPlan plan;
            plan.solos = intOption(p, "solos", 100, 1, 100000);
            plan.generation =
                p.isSet("notebook") ? generate::notebookGeneration() : generate::GenerateOptions{};
            plan.generation.sampling.temperature =
                doubleOption(p, "temperature", m.defaultTemperature(), 0, 10);
            plan.firstSeed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
            outcome = studio::runEvaluation(m, prog, plan);
        }
        const evaluate::Report& report = outcome.report;
        auto obj = [](const std::map<std::string, double>& m) {
            QJsonObject o;
            for (const auto& [k, v] : m)
                o[QString::fromStdString(k)] = v;
            return o;
        };
        if (p.isSet("json")) {
            out() << json({{"corpus", obj(report.corpus)},
                           {"solos", obj(report.solos)},
                           {"overlap", obj(report.overlap)}})
                  << "\n";
            return 0;
        }
        out() << QString("%1 solos against %2 corpus line(s)\n")
                     .arg(outcome.solos)
                     .arg(outcome.corpusLines)
              << QString("%1 %2 %3 %4\n").arg("feature", -28).arg("corpus", 10).arg("solos", 10).arg("overlap", 10);
        for (const auto& [k, v] : report.solos) {
            const auto c = report.corpus.find(k);
            const auto o = report.overlap.find(k);
            out() << QString("%1 %2 %3 %4\n")
                         .arg(QString::fromStdString(k), -28)
                         .arg(c == report.corpus.end() ? QString("-") : QString::number(c->second, 'f', 3), 10)
                         .arg(QString::number(v, 'f', 3), 10)
                         .arg(o == report.overlap.end() ? QString("-") : QString::number(o->second, 'f', 3), 10);
        }
        out() << "\nTargets\n";
        for (const auto& t : outcome.targets)
            out() << QString("  %1 %2  (%3)\n")
                         .arg(t.met ? "met   " : "MISSED")
                         .arg(QString::fromStdString(t.name), -52)
                         .arg(t.value, 0, 'f', 3);
        out() << QString("%1 of %2 targets met\n")
                     .arg(outcome.targetsMet())
                     .arg(outcome.targets.size());
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio evaluate: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
