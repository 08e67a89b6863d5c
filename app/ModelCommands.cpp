#include "ModelCommands.h"

#include "BandCommands.h"
#include "CliSupport.h"
#include "Error.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"
#include "render/Renderer.h"

#include <QJsonArray>

namespace jazz::app {

namespace {

model::TrainedModel trainModel(const dataset::TrainingCorpus& corpus, const model::TrainOptions& o,
                               const dataset::ModelShape& shape,
                               const std::function<void(const model::EpochReport&)>& onEpoch) {
    auto setup = dataset::prepareTraining(corpus, o, shape);
    setup.model.history = model::train(setup.model.model, setup.data, o, onEpoch).history;
    return std::move(setup.model);
}

} // namespace

int runTrainCommand(const QStringList& args) {
    const char* usage = "jazz-studio train [CORPUS.mid|CORPUS.txt...] [--melody-track T] "
                        "[--chord-track T] [--window A:B] [--all-keys] [--epochs N] [--seed S] "
                        "[--windows N|all] [--hidden N] [--tx N] [--chord-aware] [--json] -o MODEL";
    QCommandLineParser p;
    addCorpusOptions(p);
    p.addOption({"epochs", "Epochs (default 100).", "N"});
    p.addOption({"seed", "Seed for windows, weights and shuffling (default 0).", "S"});
    p.addOption({"windows", "Random training windows, or 'all' (default 60).", "N"});
    p.addOption({"hidden", "LSTM hidden size n_a (default 64).", "N"});
    p.addOption({"tx", "Window length Tx (default 30).", "N"});
    p.addOption({"learning-rate", "Adam learning rate (default 0.01).", "LR"});
    p.addOption({"all-keys", "With the bundled corpus: every tune in all 12 keys."});
    p.addOption({"chord-aware", "Also feed the model each step's chord and bar position."});
    p.addOption({"json", "One JSON object per line."});
    p.addOption({{"o", "output"}, "The model file to write.", "MODEL"});
    int code = 0;
    if (!parseArgs(p, args, "train", usage, 0, 1000, &code))
        return code;
    try {
        if (!p.isSet("output"))
            throw Error("missing -o MODEL");
        model::TrainOptions o;
        o.epochs = intOption(p, "epochs", 100, 0, 100000);
        o.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        o.learningRate = doubleOption(p, "learning-rate", 0.01, 1e-6, 1.0);
        dataset::ModelShape shape;
        shape.hidden = intOption(p, "hidden", 64, 1, 1024);
        shape.tx = intOption(p, "tx", 30, 2, 1000);
        shape.windows = p.value("windows") == "all" ? 0 : intOption(p, "windows", 60, 1, 1000000);
        shape.chordAware = p.isSet("chord-aware");
        std::vector<std::string> paths;
        for (const QString& f : p.positionalArguments())
            paths.push_back(f.toStdString());
        // No files: the corpus the studio ships.
        const auto corpus = paths.empty() ? dataset::bundledTrainingCorpus(p.isSet("all-keys"))
                                          : dataset::loadTrainingCorpus(paths, corpusOptions(p));
        const bool asJson = p.isSet("json");
        if (!asJson)
            out() << "Corpus: " << corpus.values.size() << " values, vocabulary "
                  << corpus.vocabulary.size() << ", " << corpus.chords.size() << " measures\n"
                  << Qt::flush;
        const auto t = trainModel(corpus, o, shape, [&](const model::EpochReport& r) {
            if (asJson)
                out() << json({{"epoch", r.epoch},
                               {"loss", r.loss},
                               {"accuracy", r.accuracy},
                               {"learning_rate", r.learningRate},
                               {"elapsed_s", r.elapsedSeconds}})
                      << "\n" << Qt::flush;
            else
                out() << QString("epoch %1/%2  loss %3  accuracy %4  lr %5  %6 s\n")
                             .arg(r.epoch)
                             .arg(o.epochs)
                             .arg(r.loss, 0, 'f', 3)
                             .arg(r.accuracy, 0, 'f', 3)
                             .arg(r.learningRate, 0, 'g', 4)
                             .arg(r.elapsedSeconds, 0, 'f', 2)
                      << Qt::flush;
        });
        model::saveModel(t, p.value("output").toStdString());
        if (!asJson)
            out() << "Saved " << p.value("output") << " (" << t.model.parameterCount()
                  << " parameters)\n";
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio train: " << e.what() << "\n";
        return 1;
    }
}

int runGenerateCommand(const QStringList& args) {
    const char* usage = "jazz-studio generate MODEL (--chords \"...\" | --preset NAME | "
                        "--corpus-chords) [--choruses N] [--temperature T] [--top-k K] [--seed S] "
                        "[--tempo BPM] [--notebook] [--style NAME | --band none] [--swing R] "
                        "[--quantized] -o SOLO.mid [--wav SOLO.wav] [--soundfont F] [--json]";
    QCommandLineParser p;
    p.addOption({"chords", "Chord symbols, bar by bar: \"| Dm7 G7 | Cmaj7 | % |\".", "TEXT"});
    p.addOption({"preset", "A named progression (blues-f, blues-bb, minor-blues, ii-v-i-KEY, "
                           "rhythm-a).",
                 "NAME"});
    p.addOption({"corpus-chords", "The model's own corpus chords."});
    p.addOption({"choruses", "Times through the progression (default 1).", "N"});
    p.addOption({"temperature", "Sampling temperature; 0 = argmax (default 0.5).", "T"});
    p.addOption({"top-k", "Sample only from the k likeliest values (default all).", "K"});
    p.addOption({"seed", "Seed (default 0).", "S"});
    p.addOption({"tempo", "Beats per minute (default 130).", "BPM"});
    p.addOption({"notebook", "Generate exactly as the notebook does (A and X read as C, every "
                             "bar restarted with C,0.25) instead of the studio's decoding."});
    p.addOption({"wav", "Also render a WAV file.", "SOLO.wav"});
    p.addOption({"soundfont", "SoundFont for --wav.", "F"});
    p.addOption({"json", "Print a JSON summary."});
    p.addOption({{"o", "output"}, "The MIDI file to write.", "SOLO.mid"});
    addBandOptions(p);
    int code = 0;
    if (!parseArgs(p, args, "generate", usage, 1, 1, &code))
        return code;
    try {
        if (!p.isSet("output"))
            throw Error("missing -o SOLO.mid");
        const int sources = int(p.isSet("chords")) + int(p.isSet("preset")) + int(p.isSet("corpus-chords"));
        if (sources != 1)
            throw Error("give exactly one of --chords, --preset or --corpus-chords");
        const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
        generate::Progression prog =
            p.isSet("chords")   ? generate::Progression::parse(p.value("chords").toStdString())
            : p.isSet("preset") ? generate::Progression::preset(p.value("preset").toStdString())
                                : generate::corpusProgression(m);
        prog = prog.repeated(intOption(p, "choruses", 1, 1, 100));
        generate::GenerateOptions g =
            p.isSet("notebook") ? generate::notebookGeneration() : generate::GenerateOptions{};
        g.sampling.temperature = doubleOption(p, "temperature", 0.5, 0, 10);
        g.sampling.topK = intOption(p, "top-k", 0, 0, 100000);
        g.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        generate::Arrangement a;
        a.solo = generate::generateSolo(m, prog, g);
        a.tempo = doubleOption(p, "tempo", 130, 20, 400);
        const generate::SongOptions played = applyBandOptions(p, a, g.seed);
        const std::string midPath = p.value("output").toStdString();
        generate::writeMidi(a, midPath, played);
        if (p.isSet("wav")) {
            render::RenderOptions r;
            r.soundFont = p.value("soundfont").toStdString();
            render::writeWav(render::renderSong(a.toSong(played), r), p.value("wav").toStdString());
        }
        if (p.isSet("json")) {
            QJsonArray bars;
            for (const auto& b : a.solo.bars)
                bars.append(QJsonObject{{"bar", b.bar + 1}, {"values", b.values}, {"notes", b.notes}});
            QJsonObject summary{{"midi", QString::fromStdString(midPath)},
                                {"bars", bars},
                                {"notes", int(a.solo.notes.size())},
                                {"seconds", a.lengthSeconds()}};
            const QJsonObject band = bandSummary(a);
            for (auto it = band.begin(); it != band.end(); ++it)
                summary.insert(it.key(), it.value());
            out() << json(summary) << "\n";
        } else {
            for (const auto& b : a.solo.bars)
                out() << "bar " << b.bar + 1 << ": " << b.notes << " notes from " << b.values
                      << " values\n";
            QStringList parts;
            for (const auto& t : a.band)
                parts << QString::fromStdString(t.name);
            out() << "Band: "
                  << (a.band.empty() ? QString("none (block chords)")
                                     : QString::fromStdString(a.style) + ": " + parts.join(", "))
                  << "; solo swing "
                  << (played.quantized ? QString("none (quantized)")
                                       : QString::number(perform::swingRatio(a.performance, a.tempo),
                                                         'f', 2) +
                                             ":1")
                  << "\n";
            out() << "Wrote " << QString::fromStdString(midPath) << " ("
                  << a.solo.notes.size() << " notes, " << QString::number(a.lengthSeconds(), 'f', 1)
                  << " s)" << (p.isSet("wav") ? " and " + p.value("wav") : QString()) << "\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio generate: " << e.what() << "\n";
        return 1;
    }
}

int runRenderCommand(const QStringList& args) {
    const char* usage = "jazz-studio render SOLO.mid -o SOLO.wav [--soundfont F]";
    QCommandLineParser p;
    p.addOption({"soundfont", "SoundFont (.sf2); default: the General MIDI one installed.", "F"});
    p.addOption({{"o", "output"}, "The WAV file to write.", "SOLO.wav"});
    int code = 0;
    if (!parseArgs(p, args, "render", usage, 1, 1, &code))
        return code;
    try {
        if (!p.isSet("output"))
            throw Error("missing -o SOLO.wav");
        const auto song = midi::toSong(midi::read(p.positionalArguments()[0].toStdString()));
        render::RenderOptions r;
        r.soundFont = p.value("soundfont").toStdString();
        const auto audio = render::renderSong(song, r);
        render::writeWav(audio, p.value("output").toStdString());
        out() << "Wrote " << p.value("output") << " (" << QString::number(audio.seconds(), 'f', 1)
              << " s)\n";
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio render: " << e.what() << "\n";
        return 1;
    }
}

int runInfoCommand(const QStringList& args) {
    const char* usage = "jazz-studio info MODEL [--json]";
    QCommandLineParser p;
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "info", usage, 1, 1, &code))
        return code;
    try {
        const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
        const auto& c = m.model.config;
        const double first = m.history.empty() ? 0 : m.history.front().loss;
        const double last = m.history.empty() ? 0 : m.history.back().loss;
        if (p.isSet("json")) {
            QJsonArray sources;
            for (const auto& s : m.sources)
                sources.append(QString::fromStdString(s));
            out() << json({{"parameters", qint64(m.model.parameterCount())},
                           {"vocabulary_size", m.vocabulary.size()},
                           {"n_a", c.nA},
                           {"tx", c.tx},
                           {"chord_aware", c.nCond > 0},
                           {"epochs", int(m.history.size())},
                           {"learning_rate", m.options.learningRate},
                           {"batch_size", m.options.batchSize},
                           {"windows", m.windows},
                           {"seed", qint64(m.options.seed)},
                           {"first_loss", first},
                           {"last_loss", last},
                           {"sources", sources},
                           {"format_version", model::formatVersion(m)}})
                  << "\n";
        } else {
            out() << "Parameters: " << m.model.parameterCount() << "\n"
                  << "Vocabulary: " << m.vocabulary.size() << " values\n"
                  << "Hidden size n_a: " << c.nA << ", window Tx: " << c.tx << "\n"
                  << "Model: "
                  << (c.nCond > 0 ? "chord-aware (each step also reads the chord and beat)"
                                  : "the notebook's (melody values only)")
                  << "\n"
                  << "Training: " << m.history.size() << " epochs, " << m.windows
                  << " windows, batch " << m.options.batchSize << ", learning rate "
                  << m.options.learningRate << ", seed " << m.options.seed << "\n"
                  << "Loss: " << QString::number(first, 'f', 3) << " (first epoch) -> "
                  << QString::number(last, 'f', 3) << " (last)\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio info: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
