#include "ModelCommands.h"

#include "Error.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "evaluate/Evaluation.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"
#include "playback/Devices.h"
#include "playback/JackServer.h"
#include "playback/PlaybackEngine.h"
#include "render/Renderer.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <QCoreApplication>

#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <random>

namespace jazz::app {

namespace {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& out_() { return out(); }
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

QString json(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Parses the command line; returns false (after printing why) when the command should stop
// with `*exitCode`.
bool parseArgs(QCommandLineParser& p, const QStringList& args, const char* name,
               const char* usage, int minPositional, int maxPositional, int* exitCode) {
    p.addHelpOption();
    if (!p.parse(args)) {
        err() << "jazz-studio " << name << ": " << p.errorText() << "\nusage: " << usage << "\n";
        *exitCode = 2;
        return false;
    }
    if (p.isSet("help")) {
        out() << "usage: " << usage << "\n\n" << p.helpText();
        *exitCode = 0;
        return false;
    }
    const int n = int(p.positionalArguments().size());
    if (n < minPositional || n > maxPositional) {
        err() << "jazz-studio " << name << ": wrong number of arguments\nusage: " << usage << "\n";
        *exitCode = 2;
        return false;
    }
    return true;
}

int intOption(const QCommandLineParser& p, const char* name, int fallback, int lo, int hi) {
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw Error(std::string("--") + name + " expects a whole number from " + std::to_string(lo) +
                    " to " + std::to_string(hi) + ", got '" + p.value(name).toStdString() + "'");
    return v;
}

double doubleOption(const QCommandLineParser& p, const char* name, double fallback, double lo,
                    double hi) {
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok || v < lo || v > hi)
        throw Error(std::string("--") + name + " expects a number from " + std::to_string(lo) +
                    " to " + std::to_string(hi) + ", got '" + p.value(name).toStdString() + "'");
    return v;
}

void addCorpusOptions(QCommandLineParser& p) {
    p.addOption({"melody-track", "Melody track: index or name.", "T"});
    p.addOption({"chord-track", "Chord track: index or name.", "T"});
    p.addOption({"window", "Keep onsets in quarter notes A..B.", "A:B"});
}

corpus::ImportOptions corpusOptions(const QCommandLineParser& p) {
    corpus::ImportOptions o;
    o.melodyTrack = p.value("melody-track").toStdString();
    o.chordTrack = p.value("chord-track").toStdString();
    if (p.isSet("window")) {
        const auto [a, b] = corpus::parseWindow(p.value("window").toStdString());
        o.windowStart = a;
        o.windowEnd = b;
    }
    return o;
}

model::TrainedModel trainModel(const dataset::TrainingCorpus& corpus, const model::TrainOptions& o,
                               int nA, int tx, int windows,
                               const std::function<void(const model::EpochReport&)>& onEpoch) {
    model::TrainedModel t;
    t.vocabulary = corpus.vocabulary;
    t.sources = corpus.sources;
    t.corpusChords = corpus.chords;
    t.corpusMelody = corpus.melody;
    t.beatsPerBar = corpus.beatsPerBar;
    t.options = o;
    const dataset::Dataset data =
        windows > 0 ? dataset::randomWindows(corpus.indices, corpus.vocabulary.size(), windows, tx, o.seed)
                    : dataset::allWindows(corpus.indices, corpus.vocabulary.size(), tx);
    t.windows = data.m;
    t.model = model::LstmModel::initialized({corpus.vocabulary.size(), nA, tx}, o.seed);
    t.history = model::train(t.model, data, o, onEpoch).history;
    return t;
}

// The Metheny file beside the checkout, for benchmarks (never copied into the repository).
QString methenyPath() {
    QStringList dirs;
    if (!qEnvironmentVariableIsEmpty("JAZZ_SHARED_DIR"))
        dirs << qEnvironmentVariable("JAZZ_SHARED_DIR");
    dirs << "../shared" << QStringLiteral(JAZZ_SOURCE_DIR) + "/../shared";
    for (const QString& d : dirs)
        if (QFileInfo::exists(d + "/data/original_metheny.mid"))
            return d + "/data/original_metheny.mid";
    return {};
}

} // namespace

int runTrainCommand(const QStringList& args) {
    const char* usage = "jazz-studio train [CORPUS.mid|CORPUS.txt...] [--melody-track T] "
                        "[--chord-track T] [--window A:B] [--all-keys] [--epochs N] [--seed S] "
                        "[--windows N|all] [--hidden N] [--tx N] [--json] -o MODEL";
    QCommandLineParser p;
    addCorpusOptions(p);
    p.addOption({"epochs", "Epochs (default 100).", "N"});
    p.addOption({"seed", "Seed for windows, weights and shuffling (default 0).", "S"});
    p.addOption({"windows", "Random training windows, or 'all' (default 60).", "N"});
    p.addOption({"hidden", "LSTM hidden size n_a (default 64).", "N"});
    p.addOption({"tx", "Window length Tx (default 30).", "N"});
    p.addOption({"learning-rate", "Adam learning rate (default 0.01).", "LR"});
    p.addOption({"all-keys", "With the bundled corpus: every tune in all 12 keys."});
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
        const int nA = intOption(p, "hidden", 64, 1, 1024);
        const int tx = intOption(p, "tx", 30, 2, 1000);
        const int windows = p.value("windows") == "all" ? 0 : intOption(p, "windows", 60, 1, 1000000);
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
        const auto t = trainModel(corpus, o, nA, tx, windows, [&](const model::EpochReport& r) {
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
                        "[--tempo BPM] -o SOLO.mid [--wav SOLO.wav] [--soundfont F] [--json]";
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
    p.addOption({"wav", "Also render a WAV file.", "SOLO.wav"});
    p.addOption({"soundfont", "SoundFont for --wav.", "F"});
    p.addOption({"json", "Print a JSON summary."});
    p.addOption({{"o", "output"}, "The MIDI file to write.", "SOLO.mid"});
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
        generate::GenerateOptions g;
        g.sampling.temperature = doubleOption(p, "temperature", 0.5, 0, 10);
        g.sampling.topK = intOption(p, "top-k", 0, 0, 100000);
        g.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        generate::Arrangement a;
        a.solo = generate::generateSolo(m, prog, g);
        a.tempo = doubleOption(p, "tempo", 130, 20, 400);
        const std::string midPath = p.value("output").toStdString();
        generate::writeMidi(a, midPath);
        if (p.isSet("wav")) {
            render::RenderOptions r;
            r.soundFont = p.value("soundfont").toStdString();
            render::writeWav(render::renderSong(a.toSong(), r), p.value("wav").toStdString());
        }
        if (p.isSet("json")) {
            QJsonArray bars;
            for (const auto& b : a.solo.bars)
                bars.append(QJsonObject{{"bar", b.bar + 1}, {"values", b.values}, {"notes", b.notes}});
            out() << json({{"midi", QString::fromStdString(midPath)},
                           {"bars", bars},
                           {"notes", int(a.solo.notes.size())},
                           {"seconds", a.lengthSeconds()}})
                  << "\n";
        } else {
            for (const auto& b : a.solo.bars)
                out() << "bar " << b.bar + 1 << ": " << b.notes << " notes from " << b.values
                      << " values\n";
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
                           {"epochs", int(m.history.size())},
                           {"learning_rate", m.options.learningRate},
                           {"batch_size", m.options.batchSize},
                           {"windows", m.windows},
                           {"seed", qint64(m.options.seed)},
                           {"first_loss", first},
                           {"last_loss", last},
                           {"sources", sources},
                           {"format_version", model::kModelFormatVersion}})
                  << "\n";
        } else {
            out() << "Parameters: " << m.model.parameterCount() << "\n"
                  << "Vocabulary: " << m.vocabulary.size() << " values\n"
                  << "Hidden size n_a: " << c.nA << ", window Tx: " << c.tx << "\n"
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

int runEvaluateCommand(const QStringList& args) {
    const char* usage = "jazz-studio evaluate MODEL [--solos N] [--preset P | --chords \"...\"] "
                        "[--seed S] [--temperature T] [--json]\n"
                        "       jazz-studio evaluate --corpus C.mid SOLO.mid... [--json]";
    QCommandLineParser p;
    p.addOption({"solos", "Solos to generate (default 100).", "N"});
    p.addOption({"preset", "A named progression (default: the model's corpus chords).", "P"});
    p.addOption({"chords", "Chord symbols, bar by bar.", "TEXT"});
    p.addOption({"seed", "First seed (default 0); solo i uses seed + i.", "S"});
    p.addOption({"temperature", "Sampling temperature (default 0.5).", "T"});
    p.addOption({"corpus", "Score the given solo files against this corpus file.", "C"});
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "evaluate", usage, 1, 10000, &code))
        return code;
    try {
        std::vector<evaluate::Line> solos, corpus;
        if (p.isSet("corpus")) {
            for (const auto& sheet : corpus::loadLeadSheets(p.value("corpus").toStdString()))
                corpus.push_back(evaluate::lineFromLeadSheet(sheet));
            for (const QString& f : p.positionalArguments())
                for (const auto& sheet : corpus::loadLeadSheets(f.toStdString()))
                    solos.push_back(evaluate::lineFromLeadSheet(sheet));
        } else {
            if (p.positionalArguments().size() != 1)
                throw Error("give one MODEL, or --corpus C.mid and solo files");
            const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
            corpus.push_back(evaluate::lineFromModelCorpus(m));
            if (corpus.back().notes.empty())
                throw Error("the model file holds no corpus melody (trained by an older build); "
                            "use --corpus C.mid with generated solo files");
            const generate::Progression prog =
                p.isSet("chords")   ? generate::Progression::parse(p.value("chords").toStdString())
                : p.isSet("preset") ? generate::Progression::preset(p.value("preset").toStdString())
                                    : generate::corpusProgression(m);
            const int n = intOption(p, "solos", 100, 1, 100000);
            generate::GenerateOptions g;
            g.sampling.temperature = doubleOption(p, "temperature", 0.5, 0, 10);
            const uint32_t seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
            for (int i = 0; i < n; ++i) {
                g.seed = seed + uint32_t(i);
                solos.push_back(evaluate::lineFromSolo(generate::generateSolo(m, prog, g)));
            }
        }
        const auto report = evaluate::evaluate(solos, corpus);
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
        out() << QString("%1 solos against %2 corpus line(s)\n").arg(solos.size()).arg(corpus.size())
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
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio evaluate: " << e.what() << "\n";
        return 1;
    }
}

namespace {

// Plays a long, dense take through a real MIDI transport (RtMidi out -> JACK -> RtMidi in) and
// measures how late each event arrives against its due time.
int benchPlayback(const QCommandLineParser& p) {
    using namespace std::chrono;
    const double seconds = doubleOption(p, "seconds", 300, 1, 3600);
    const double bpm = 240;
    playback::JackServer jack;
    QString error;
    // A 16-frame period at 48 kHz: JACK delivers MIDI once per period (0.33 ms).
    if (!jack.start("jazzbench" + QString::number(QCoreApplication::applicationPid()), 48000, 16,
                    &error))
        throw Error("cannot start a JACK server: " + error.toStdString());
    midi::Song song;
    song.bpm = bpm;
    midi::SongTrack solo;
    const int notes = int(seconds * bpm / 60.0 * 4); // dense sixteenths
    for (int i = 0; i < notes; ++i)
        solo.notes.push_back({i * 0.25, 0.2, 60 + (i * 7) % 24, 90, 0});
    song.tracks = {solo};
    auto in = playback::MidiInputRecorder::openVirtual("in", playback::MidiApi::Jack,
                                                       size_t(notes) * 2 + 64);
    auto out = playback::RtMidiSink::openVirtual("out", playback::MidiApi::Jack);
    if (!jack.connect("Jazz Studio:out", "Jazz Studio input:in", &error))
        throw Error(error.toStdString());
    // Records when the scheduler handed each message over, to tell its lateness from JACK's.
    struct TeeSink : playback::MidiSink {
        playback::MidiSink* next;
        playback::RecordingSink sent;
        TeeSink(playback::MidiSink* n, size_t capacity) : next(n), sent(capacity) {}
        void send(const uint8_t* b, size_t n) override {
            sent.send(b, n);
            next->send(b, n);
        }
    } tee(out.get(), size_t(notes) * 2 + 64);
    playback::PlaybackEngine engine(&tee);
    engine.load(song);
    std::atomic<bool> done{false};
    engine.setFinishedHandler([&] { done = true; });
    if (!p.isSet("json"))
        out_() << "Playing " << notes << " sixteenths at 240 bpm (" << seconds
               << " s) through JACK (dummy driver, 48 kHz, 16-frame period)...\n" << Qt::flush;
    engine.play();
    while (!done)
        std::this_thread::sleep_for(milliseconds(50));
    const size_t setup = 2; // program change and volume
    const size_t expected = setup + engine.events().size();
    for (int i = 0; i < 100 && in->count() < expected; ++i)
        std::this_thread::sleep_for(milliseconds(20));
    const auto got = in->entries();
    const auto sent = tee.sent.entries();
    // Pair arrivals with sent events by content, in order, so that a message JACK dropped
    // (it happens on an overrun of the dummy driver) does not shift every later pairing.
    std::vector<double> late, handed;
    const auto start = engine.startedAt();
    const auto& events = engine.events();
    size_t next = 0;
    for (size_t a = setup; a < got.size() && next < events.size(); ++a) {
        size_t k = next;
        while (k < events.size() && k < next + 16 &&
               std::memcmp(events[k].bytes, got[a].bytes.data(), events[k].size) != 0)
            ++k;
        if (k == events.size() || k == next + 16)
            continue; // not one of ours
        const auto due = start + duration_cast<playback::Clock::duration>(
                                     duration<double>(events[k].beat * 60.0 / bpm));
        late.push_back(duration<double, std::milli>(got[a].at - due).count());
        handed.push_back(duration<double, std::milli>(sent[setup + k].at - due).count());
        next = k + 1;
    }
    const int lost = int(events.size() - late.size());
    if (late.empty())
        throw Error("no events arrived through JACK");
    std::sort(handed.begin(), handed.end());
    const double handedP99 = handed[size_t(0.99 * double(handed.size() - 1))];
    const size_t tenth = std::max<size_t>(1, late.size() / 10);
    double early = 0, lateMean = 0;
    for (size_t i = 0; i < tenth; ++i) {
        early += late[i] / tenth;
        lateMean += late[late.size() - 1 - i] / tenth;
    }
    std::vector<double> sorted = late;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double q) { return sorted[size_t(q * double(sorted.size() - 1))]; };
    const double p50 = pct(0.5), p99 = pct(0.99), mx = sorted.back();
    if (p.isSet("json")) {
        out_() << json({{"p50_ms", p50},
                        {"p99_ms", p99},
                        {"max_ms", mx},
                        {"events", int(late.size())},
                        {"seconds", seconds},
                        {"drift_ms", lateMean - early},
                        {"lost", lost},
                        {"scheduler_p99_ms", handedP99}})
               << "\n";
    } else {
        out_() << QString("  events %1 (%7 lost in transport)\n  lateness p50 %2 ms, p99 %3 ms, max %4 ms\n"
                          "  drift (last tenth minus first tenth, mean) %5 ms\n"
                          "  scheduler alone (handed to RtMidi) p99 %6 ms\n")
                      .arg(late.size())
                      .arg(p50, 0, 'f', 3)
                      .arg(p99, 0, 'f', 3)
                      .arg(mx, 0, 'f', 3)
                      .arg(lateMean - early, 0, 'f', 3)
                      .arg(handedP99, 0, 'f', 3)
                      .arg(lost);
    }
    return 0;
}

} // namespace

int runBenchCommand(const QStringList& args) {
    const char* usage = "jazz-studio bench train [--epochs N] [--json]\n"
                        "       jazz-studio bench playback [--seconds S] [--json]";
    QCommandLineParser p;
    p.addOption({"epochs", "Epochs per run (default 100).", "N"});
    p.addOption({"seconds", "Length of the played take (default 300).", "S"});
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "bench", usage, 1, 1, &code))
        return code;
    const QString which = p.positionalArguments()[0];
    if (which == "playback") {
        try {
            return benchPlayback(p);
        } catch (const Error& e) {
            err() << "jazz-studio bench: " << e.what() << "\n";
            return 1;
        }
    }
    if (which != "train") {
        err() << "jazz-studio bench: unknown benchmark '" << which
              << "' (available: train, playback)\n";
        return 2;
    }
    try {
        model::TrainOptions o;
        o.epochs = intOption(p, "epochs", 100, 1, 100000);
        // The notebook configuration: the Metheny corpus when it is here, else a random corpus
        // of the same size and vocabulary (same arithmetic, different music).
        std::vector<int> indices;
        int nValues = 90;
        QString corpusName = "synthetic (275 values over 90)";
        if (const QString path = methenyPath(); !path.isEmpty()) {
            const corpus::ImportOptions io = corpus::notebookMethenyOptions();
            const auto c = dataset::loadTrainingCorpus({path.toStdString()}, io);
            indices = c.indices;
            nValues = c.vocabulary.size();
            corpusName = "Metheny (notebook settings)";
        } else {
            std::mt19937 rng(1);
            for (int i = 0; i < 275; ++i)
                indices.push_back(int(rng() % 90));
        }
        const auto data = dataset::randomWindows(indices, nValues, 60, 30, 0);
        const model::ModelConfig cfg{nValues, 64, 30};
        auto fastModel = model::LstmModel::initialized(cfg, 0);
        auto refModel = fastModel;
        const auto t0 = std::chrono::steady_clock::now();
        const auto fast = model::train(fastModel, data, o);
        const auto t1 = std::chrono::steady_clock::now();
        const auto ref = model::trainReference(refModel, data, o);
        const auto t2 = std::chrono::steady_clock::now();
        const double fastS = std::chrono::duration<double>(t1 - t0).count();
        const double refS = std::chrono::duration<double>(t2 - t1).count();
        if (p.isSet("json")) {
            out() << json({{"fast_s", fastS},
                           {"baseline_s", refS},
                           {"ratio", refS / fastS},
                           {"epochs", o.epochs},
                           {"corpus", corpusName},
                           {"fast_first_loss", fast.history.front().loss},
                           {"fast_last_loss", fast.history.back().loss},
                           {"baseline_last_loss", ref.history.back().loss}})
                      << "\n";
        } else {
            out() << "Training " << o.epochs << " epochs, 60 windows of 30, batch 32, corpus: "
                  << corpusName << "\n"
                  << QString("  fast path (fused kernels)     %1 s   loss %2 -> %3\n")
                         .arg(fastS, 0, 'f', 3)
                         .arg(fast.history.front().loss, 0, 'f', 2)
                         .arg(fast.history.back().loss, 0, 'f', 2)
                  << QString("  per-step libtorch baseline    %1 s   loss %2 -> %3\n")
                         .arg(refS, 0, 'f', 3)
                         .arg(ref.history.front().loss, 0, 'f', 2)
                         .arg(ref.history.back().loss, 0, 'f', 2)
                  << QString("  ratio                         %1x\n").arg(refS / fastS, 0, 'f', 1);
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio bench: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
