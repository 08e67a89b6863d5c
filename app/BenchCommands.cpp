#include "ModelCommands.h"

#include "BenchScale.h"
#include "BenchStall.h"
#include "BenchTrade.h"

#include "CliSupport.h"
#include "Error.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "corpus/Import.h"
#include "accompany/Accompaniment.h"
#include "generate/Arrangement.h"
#include "generate/Generator.h"
#include "midi/MidiFile.h"
#include "model/Trainer.h"
#include "model/TrainingSetup.h"
#include "render/Renderer.h"
#include "playback/Devices.h"
#include "playback/JackServer.h"
#include "playback/MidiSource.h"
#include "playback/PlaybackEngine.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cmath>
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

struct PlaybackFigures {
    double p50 = 0, p99 = 0, max = 0, drift = 0, schedulerP99 = 0;
    int events = 0, lost = 0;
    double stealPct = -1; // CPU time the hypervisor took during the run; -1 where unknown
};

// The "cpu" line of /proc/stat: time stolen by the hypervisor, and all time, in jiffies.
struct CpuTimes {
    quint64 steal = 0, total = 0;
    bool valid = false;
};

CpuTimes cpuTimes() {
    CpuTimes t;
    QFile f("/proc/stat");
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QList<QByteArray> fields = f.readLine().simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is
    // already counted in user and nice.
    if (fields.size() < 9 || fields[0] != "cpu")
        return t;
    for (int i = 1; i <= 8; ++i)
        t.total += fields[i].toULongLong();
    t.steal = fields[8].toULongLong();
    t.valid = true;
    return t;
}

double stealPercent(const CpuTimes& a, const CpuTimes& b) {
    if (!a.valid || !b.valid || b.total <= a.total)
        return -1;
    return 100.0 * double(b.steal - a.steal) / double(b.total - a.total);
}

// Plays a long, dense take through a real MIDI transport (RtMidi out -> JACK -> RtMidi in) and
// measures how late each event arrives against its due time.
// Dense sixteenths at 240 bpm, one track: the scheduler's worst case for one line.
midi::Song sixteenths(double seconds) {
    midi::Song song;
    song.bpm = 240;
    midi::SongTrack solo;
    const int notes = int(seconds * song.bpm / 60.0 * 4);
    for (int i = 0; i < notes; ++i)
        solo.notes.push_back({i * 0.25, 0.2, 60 + (i * 7) % 24, 90, 0});
    song.tracks = {solo};
    return song;
}

PlaybackFigures measurePlayback(const midi::Song& song, bool announce) {
    using namespace std::chrono;
    const double bpm = song.bpm;
    playback::JackServer jack;
    QString error;
    // A 16-frame period at 48 kHz: JACK delivers MIDI once per period (0.33 ms).
    if (!jack.start("jazzbench" + QString::number(QCoreApplication::applicationPid()), 48000, 16,
                    &error))
        throw Error("cannot start a JACK server: " + error.toStdString());
    size_t notes = 0;
    double lengthBeats = 0;
    for (const auto& t : song.tracks) {
        notes += t.notes.size();
        for (const auto& n : t.notes)
            lengthBeats = std::max(lengthBeats, n.start + n.duration);
    }
    const double seconds = lengthBeats * 60 / bpm;
    // Nobody takes from the input while it plays: its ring holds the whole take.
    auto in = playback::RtMidiSource::openVirtual("in", playback::MidiApi::Jack,
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
    if (announce)
        out() << "Playing " << notes << " notes at " << bpm << " bpm (" << seconds
               << " s) through JACK (dummy driver, 48 kHz, 16-frame period)...\n" << Qt::flush;
    // On a virtual machine the host may take the CPUs away for milliseconds at a time; no
    // scheduling inside can hide that, so the run reports how much it happened.
    const CpuTimes before = cpuTimes();
    engine.play();
    while (!done)
        std::this_thread::sleep_for(milliseconds(50));
    const CpuTimes after = cpuTimes();
    const size_t setup = 2 * song.tracks.size(); // program change and volume per track
    const size_t expected = setup + engine.events().size();
    std::vector<playback::StampedMessage> got;
    for (int i = 0; i < 100 && got.size() < expected; ++i) {
        const auto more = in->take();
        got.insert(got.end(), more.begin(), more.end());
        if (got.size() < expected)
            std::this_thread::sleep_for(milliseconds(20));
    }
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
    PlaybackFigures f;
    f.p50 = pct(0.5);
    f.p99 = pct(0.99);
    f.max = sorted.back();
    f.drift = lateMean - early;
    f.schedulerP99 = handedP99;
    f.events = int(late.size());
    f.lost = lost;
    f.stealPct = stealPercent(before, after);
    return f;
}

int benchPlayback(const QCommandLineParser& p) {
    const double seconds = doubleOption(p, "seconds", 300, 1, 3600);
    const PlaybackFigures f = measurePlayback(sixteenths(seconds), !p.isSet("json"));
    if (p.isSet("json")) {
        out() << json({{"p50_ms", f.p50},
                        {"p99_ms", f.p99},
                        {"max_ms", f.max},
                        {"events", f.events},
                        {"seconds", seconds},
                        {"drift_ms", f.drift},
                        {"lost", f.lost},
                        {"scheduler_p99_ms", f.schedulerP99},
                        {"steal_pct", f.stealPct}})
               << "\n";
    } else {
        out() << QString("  events %1 (%7 lost in transport)\n  lateness p50 %2 ms, p99 %3 ms, max %4 ms\n"
                          "  drift (last tenth minus first tenth, mean) %5 ms\n"
                          "  scheduler alone (handed to RtMidi) p99 %6 ms\n")
                      .arg(f.events)
                      .arg(f.p50, 0, 'f', 3)
                      .arg(f.p99, 0, 'f', 3)
                      .arg(f.max, 0, 'f', 3)
                      .arg(f.drift, 0, 'f', 3)
                      .arg(f.schedulerP99, 0, 'f', 3)
                      .arg(f.lost);
        if (f.stealPct >= 0)
            out() << QString("  CPU time taken by the hypervisor during the run: %1%%2\n")
                         .arg(f.stealPct, 0, 'f', 1)
                         .arg(f.stealPct > 1 ? " (above about 1%, the host's pauses dominate "
                                                "the tail; measure again when it is quiet)"
                                             : "");
    }
    return 0;
}

// The notebook configuration's corpus: Metheny when it is here, else a random corpus of the
// same size and vocabulary (same arithmetic, different music). Returns its name.
QString notebookCorpus(std::vector<int>* indices, int* nValues) {
    if (const QString path = methenyPath(); !path.isEmpty()) {
        const auto c = dataset::loadTrainingCorpus({path.toStdString()},
                                                   corpus::notebookMethenyOptions());
        *indices = c.indices;
        *nValues = c.vocabulary.size();
        return "Metheny (notebook settings)";
    }
    std::mt19937 rng(1);
    indices->clear();
    for (int i = 0; i < 275; ++i)
        indices->push_back(int(rng() % 90));
    *nValues = 90;
    return "synthetic (275 values over 90)";
}

// "0.68 ms (p50 0.31, max 2.1, host took 0.7% of the CPUs)": a playback row of bench all.
QString latencyText(const PlaybackFigures& f) {
    return QString("%1 ms (p50 %2, max %3%4)")
        .arg(f.p99, 0, 'f', 2)
        .arg(f.p50, 0, 'f', 2)
        .arg(f.max, 0, 'f', 1)
        .arg(f.stealPct >= 0 ? QString(", host took %1% of the CPUs").arg(f.stealPct, 0, 'f', 1)
                             : QString());
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

QString machineName() {
    QFile f("/proc/cpuinfo");
    QString model = "unknown CPU";
    if (f.open(QIODevice::ReadOnly))
        for (const QString& line : QString::fromUtf8(f.readAll()).split('\n'))
            if (line.startsWith("model name")) {
                model = line.section(':', 1).trimmed();
                break;
            }
    return QString("%1, %2 cores").arg(model).arg(std::thread::hardware_concurrency());
}

// One table of the studio's speeds, each measured here and now.
int benchAll(const QCommandLineParser& p) {
    using Clock = std::chrono::steady_clock;
    const bool asJson = p.isSet("json");
    struct Row {
        QString key, what, value;
        double number;
    };
    std::vector<Row> rows;
    auto add = [&](const QString& key, const QString& what, double number, const QString& value) {
        rows.push_back({key, what, value, number});
        if (!asJson)
            out() << QString("  %1 %2\n").arg(what, -68).arg(value) << Qt::flush;
    };
    if (!asJson)
        out() << "Jazz Studio performance on " << machineName() << "\n" << Qt::flush;

    model::TrainOptions o; // 100 epochs, the notebook's optimizer
    {
        std::vector<int> indices;
        int nValues = 90;
        const QString name = notebookCorpus(&indices, &nValues);
        const auto data = dataset::randomWindows(indices, nValues, 60, 30, 0);
        auto m = model::LstmModel::initialized({nValues, 64, 30}, 0);
        const auto t0 = Clock::now();
        model::train(m, data, o);
        const double s = secondsSince(t0);
        add("train_notebook_s", "Training, 100 epochs, notebook configuration, " + name, s,
            QString("%1 s").arg(s, 0, 'f', 2));
    }
    const auto bundled = dataset::bundledTrainingCorpus();
    auto setup = model::prepareTraining(bundled, o, {});
    {
        const auto t0 = Clock::now();
        model::train(setup.model.model, setup.data, o);
        const double s = secondsSince(t0);
        add("train_bundled_s", "Training, 100 epochs, bundled corpus (60 windows of 30)", s,
            QString("%1 s").arg(s, 0, 'f', 2));
    }
    {
        const StallFigures f = measureGuiStall(300);
        add("gui_stall_ms",
            "Longest GUI event-loop gap while training on a worker (2 ms timer)",
            f.longestGapMs,
            QString("%1 ms (median %2 ms, %3 epochs in %4 s)")
                .arg(f.longestGapMs, 0, 'f', 1)
                .arg(f.typicalGapMs, 0, 'f', 1)
                .arg(f.epochs)
                .arg(f.seconds, 0, 'f', 2));
    }
    generate::Arrangement take;
    {
        const auto blues = generate::Progression::preset("blues-f");
        const int choruses = 100;
        const auto t0 = Clock::now();
        for (int i = 0; i < choruses; ++i) {
            generate::GenerateOptions g;
            g.seed = uint32_t(i);
            take.solo = generate::generateSolo(setup.model, blues, g);
        }
        const double ms = secondsSince(t0) * 1000 / choruses;
        add("generate_ms_per_chorus", "Generation, per 12-bar chorus (mean of 100)", ms,
            QString("%1 ms").arg(ms, 0, 'f', 2));
    }
    {
        take.solo = generate::generateSolo(setup.model,
                                           generate::Progression::preset("blues-f").repeated(8), {});
        const auto t0 = Clock::now();
        const auto audio = render::renderSong(take.toSong(), {});
        const double s = secondsSince(t0);
        const double x = audio.seconds() / s;
        add("render_x_realtime",
            QString("WAV render (FluidSynth, 44.1 kHz stereo, %1 s of music)").arg(audio.seconds(), 0, 'f', 0),
            x, QString("%1x real time").arg(x, 0, 'f', 0));
    }
    // The band: MMA under the solo (skipped, with the reason, where MMA is missing).
    try {
        const auto blues = generate::Progression::preset("blues-f");
        const int runs = 10;
        const auto t0 = Clock::now();
        for (int i = 0; i < runs; ++i) {
            generate::GenerateOptions g;
            g.seed = uint32_t(i);
            generate::Arrangement chorus;
            chorus.solo = generate::generateSolo(setup.model, blues, g);
            accompany::BandOptions o;
            o.seed = uint32_t(i);
            const auto result = accompany::accompany(chorus, o);
            if (!result.played)
                throw Error(result.unavailable);
        }
        const double ms = secondsSince(t0) * 1000 / runs;
        add("generate_band_ms", "Generation with the band, per 12-bar chorus (MMA included)", ms,
            QString("%1 ms").arg(ms, 0, 'f', 0));

        generate::Arrangement withBand = take; // the 8 choruses rendered above
        if (const auto r = accompany::accompany(withBand, {}); !r.played)
            throw Error(r.unavailable);
        const auto t1 = Clock::now();
        const auto audio = render::renderSong(withBand.toSong(), {});
        const double x = audio.seconds() / secondsSince(t1);
        add("render_band_x_realtime",
            QString("WAV render with the band (%1 s of music, %2 parts)")
                .arg(audio.seconds(), 0, 'f', 0)
                .arg(withBand.partNames().size()),
            x, QString("%1x real time").arg(x, 0, 'f', 0));

        // Playback at the band's density: its default groove under a solo at 240 bpm.
        const double seconds = doubleOption(p, "seconds", 30, 1, 3600);
        generate::Arrangement fast;
        fast.tempo = 240;
        fast.solo = generate::generateSolo(
            setup.model, blues.repeated(std::max(1, int(std::ceil(seconds / 12.0)))), {});
        if (const auto r = accompany::accompany(fast, {}); !r.played)
            throw Error(r.unavailable);
        const midi::Song song = fast.toSong();
        size_t events = 0;
        for (const auto& t : song.tracks)
            events += t.notes.size();
        try {
            const PlaybackFigures f = measurePlayback(song, false);
            add("playback_band_p99_ms",
                QString("Playback lateness p99 with the band (JACK loopback, %1 s, %2 notes/s)")
                    .arg(fast.lengthSeconds(), 0, 'f', 0)
                    .arg(double(events) / fast.lengthSeconds(), 0, 'f', 0),
                f.p99, latencyText(f));
        } catch (const Error& e) {
            if (!asJson)
                out() << "  playback with the band: not measured (" << e.what() << ")\n";
        }
    } catch (const Error& e) {
        if (!asJson)
            out() << "  band: not measured (" << e.what() << ")\n";
    }
    {
        const int n = 100000;
        midi::Song song;
        midi::SongTrack comp, solo;
        comp.name = "Piano";
        solo.name = "Sax";
        solo.channel = 1;
        for (int i = 0; i < n; ++i)
            solo.notes.push_back({i * 0.25, 0.2, 52 + (i * 7) % 30, 90, 1});
        for (int b = 0; b < n / 16; ++b)
            for (int pitch : {48, 52, 55, 58})
                comp.notes.push_back({b * 4.0, 4, pitch, 70, 0});
        song.tracks = {comp, solo};
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.mid").toStdString();
        midi::write(midi::fromSong(song), path);
        const auto t0 = Clock::now();
        const auto sheet = corpus::importLeadSheet(path, {});
        const double s = secondsSince(t0);
        const double rate = (n + n / 4) / s;
        add("import_notes_per_s", "MIDI import (read, tracks, voices, measures), 125,000 notes",
            rate, QString("%1 notes/s").arg(rate, 0, 'f', 0));
    }
    {
        std::vector<double> times;
        for (int i = 0; i < 3; ++i) {
            QProcess app;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            if (env.value("DISPLAY").isEmpty() && env.value("WAYLAND_DISPLAY").isEmpty())
                env.insert("QT_QPA_PLATFORM", "offscreen");
            app.setProcessEnvironment(env);
            const auto t0 = Clock::now();
            app.start(QCoreApplication::applicationFilePath(), {"--ready-and-quit"});
            bool ready = false;
            while (!ready && app.waitForReadyRead(30000))
                ready = app.readAllStandardOutput().contains("ready");
            if (ready)
                times.push_back(secondsSince(t0));
            app.waitForFinished(10000);
        }
        if (!times.empty()) {
            std::sort(times.begin(), times.end());
            const double s = times[times.size() / 2];
            add("startup_s", "Studio start-up to a usable window (median of 3, new process)", s,
                QString("%1 s").arg(s, 0, 'f', 2));
        }
    }
    {
        const ScaleFigures f = measureScale(intOption(p, "files", 400, 1, 100000), 1);
        add("scale_seconds_per_epoch",
            QString("Collection recipe, one epoch of %1 values, vocabulary %2 (bench scale)")
                .arg(f.values)
                .arg(f.vocabulary),
            f.secondsPerEpoch,
            QString("%1 s (import of %2 files %3 s, generation %4 ms/chorus)")
                .arg(f.secondsPerEpoch, 0, 'f', 1)
                .arg(f.files)
                .arg(f.importSeconds, 0, 'f', 1)
                .arg(f.generateMsPerChorus, 0, 'f', 1));
    }
    {
        const double seconds = doubleOption(p, "seconds", 30, 1, 3600);
        try {
            const PlaybackFigures f = measurePlayback(sixteenths(seconds), false);
            add("playback_p99_ms",
                QString("Playback lateness p99 (JACK loopback, %1 s of 240 bpm sixteenths)").arg(seconds),
                f.p99, latencyText(f));
        } catch (const Error& e) {
            if (!asJson)
                out() << "  playback: not measured (" << e.what() << ")\n";
        }
    }
    if (asJson) {
        QJsonObject o;
        o["machine"] = machineName();
        for (const Row& r : rows)
            o[r.key] = r.number;
        out() << json(o) << "\n";
    }
    return 0;
}

} // namespace

int runBenchCommand(const QStringList& args) {
    const char* usage = "jazz-studio bench train [--epochs N] [--json]\n"
                        "       jazz-studio bench playback [--seconds S] [--json]\n"
                        "       jazz-studio bench scale [--files N] [--epochs N] [--json]\n"
                        "       jazz-studio bench trade [--model MODEL] [--answers N] [--json]\n"
                        "       jazz-studio bench all [--seconds S] [--files N] [--json]";
    QCommandLineParser p;
    p.addOption({"epochs", "Epochs per run (default 100; scale: 2).", "N"});
    p.addOption({"files", "scale: files in the synthetic collection (default 400).", "N"});
    p.addOption({"seconds", "Length of the played take (default 300; 30 for all).", "S"});
    p.addOption({"model", "trade: the model that answers (default: the bundled corpus's).", "MODEL"});
    p.addOption({"answers", "trade: answers to time (default 200).", "N"});
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
    if (which == "all") {
        try {
            return benchAll(p);
        } catch (const Error& e) {
            err() << "jazz-studio bench: " << e.what() << "\n";
            return 1;
        }
    }
    if (which == "trade") {
        try {
            const TradeFigures f =
                measureTrade(p.value("model").toStdString(), intOption(p, "answers", 200, 1, 100000));
            if (p.isSet("json"))
                out() << json({{"answers", f.answers},
                               {"answer_ms_p50", f.p50Ms},
                               {"answer_ms_p99", f.p99Ms},
                               {"answer_ms_max", f.maxMs},
                               {"budget_ms", 250.0}})
                      << "\n";
            else
                out() << "Answers to a traded 4-bar phrase (blues in F, 240 bpm), model: "
                      << QString::fromStdString(f.model) << "\n"
                      << QString("  %1 answers: p50 %2 ms, p99 %3 ms, max %4 ms "
                                 "(budget: one beat at 240 bpm, 250 ms)\n")
                             .arg(f.answers)
                             .arg(f.p50Ms, 0, 'f', 2)
                             .arg(f.p99Ms, 0, 'f', 2)
                             .arg(f.maxMs, 0, 'f', 2);
            return 0;
        } catch (const Error& e) {
            err() << "jazz-studio bench: " << e.what() << "\n";
            return 1;
        }
    }
    if (which == "scale") {
        try {
            const ScaleFigures f = measureScale(intOption(p, "files", 400, 1, 100000),
                                                intOption(p, "epochs", 2, 0, 1000));
            if (p.isSet("json")) {
                out() << json({{"values", qint64(f.values)},
                               {"vocabulary", f.vocabulary},
                               {"model_vocabulary", f.modelVocabulary},
                               {"files", f.files},
                               {"import_s", f.importSeconds},
                               {"seconds_per_epoch", f.secondsPerEpoch},
                               {"peak_rss_mb", f.peakRssMb},
                               {"generate_ms_per_chorus", f.generateMsPerChorus}})
                      << "\n";
            } else {
                out() << "Synthetic collection: " << f.files << " MIDI files, " << f.values
                      << " values, vocabulary " << f.vocabulary << " (the model's "
                      << f.modelVocabulary << ")\n"
                      << QString("  import (read, tracks, encode)   %1 s\n").arg(f.importSeconds, 0, 'f', 2)
                      << QString("  collection recipe, per epoch    %1 s\n").arg(f.secondsPerEpoch, 0, 'f', 2)
                      << QString("  generation, per 12-bar chorus   %1 ms\n").arg(f.generateMsPerChorus, 0, 'f', 2)
                      << QString("  peak memory                     %1 MB\n").arg(f.peakRssMb, 0, 'f', 0);
            }
            return 0;
        } catch (const Error& e) {
            err() << "jazz-studio bench: " << e.what() << "\n";
            return 1;
        }
    }
    if (which != "train") {
        err() << "jazz-studio bench: unknown benchmark '" << which
              << "' (available: train, playback, scale, trade, all)\n";
        return 2;
    }
    try {
        model::TrainOptions o;
        o.epochs = intOption(p, "epochs", 100, 1, 100000);
        // The notebook configuration: the Metheny corpus when it is here, else a random corpus
        // of the same size and vocabulary (same arithmetic, different music).
        std::vector<int> indices;
        int nValues = 90;
        const QString corpusName = notebookCorpus(&indices, &nValues);
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
