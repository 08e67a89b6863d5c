#include "ModelCommands.h"

#include "CliSupport.h"
#include "Error.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "model/Trainer.h"
#include "playback/Devices.h"
#include "playback/JackServer.h"
#include "playback/PlaybackEngine.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <random>
#include <thread>

namespace jazz::app {

namespace {

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
    auto port = playback::RtMidiSink::openVirtual("out", playback::MidiApi::Jack);
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
    } tee(port.get(), size_t(notes) * 2 + 64);
    playback::PlaybackEngine engine(&tee);
    engine.load(song);
    std::atomic<bool> done{false};
    engine.setFinishedHandler([&] { done = true; });
    if (!p.isSet("json"))
        out() << "Playing " << notes << " sixteenths at 240 bpm (" << seconds
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
        out() << json({{"p50_ms", p50},
                        {"p99_ms", p99},
                        {"max_ms", mx},
                        {"events", int(late.size())},
                        {"seconds", seconds},
                        {"drift_ms", lateMean - early},
                        {"lost", lost},
                        {"scheduler_p99_ms", handedP99}})
               << "\n";
    } else {
        out() << QString("  events %1 (%7 lost in transport)\n  lateness p50 %2 ms, p99 %3 ms, max %4 ms\n"
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
