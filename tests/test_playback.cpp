// The live playback engine: order and completeness through a recording sink, loop, tempo,
// jump and stop; a real MIDI transport (a private JACK server with the dummy driver, RtMidi
// out to RtMidi in); FluidSynth live through its file audio driver; device errors.
#include "Error.h"
#include "playback/Devices.h"
#include "playback/JackServer.h"
#include "playback/PlaybackEngine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <jack/jack.h>

#include <memory>
#include <mutex>

#include <thread>

using namespace jazz;
using namespace jazz::playback;

namespace {

// Notes of `length` beats every `step` beats on channel 1 (a solo), plus a held chord on 2.
midi::Song song(int notes, double step, double length, double bpm) {
    midi::Song s;
    s.bpm = bpm;
    midi::SongTrack solo, comp;
    solo.program = 26;
    for (int i = 0; i < notes; ++i)
        solo.notes.push_back({i * step, length, 60 + i % 12, 90, 0});
    comp.channel = 1;
    comp.program = 4;
    for (int p : {48, 52, 55})
        comp.notes.push_back({0, notes * step, p, 60, 1});
    s.tracks = {solo, comp};
    return s;
}

bool waitFor(const std::function<bool()>& cond, int ms) {
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return cond();
}

// A private JACK server and a recording input ("Jazz Studio input:in") on it, with `open`
// making the output under test. The period is long (21 ms): these tests check what arrives,
// not when, and a slow dummy driver does not overrun (and drop MIDI) on a loaded machine.
// Returns why it cannot run here (the caller skips), or an empty string.
QString startLoopback(JackServer& jack, const QString& name, std::unique_ptr<MidiInputRecorder>* in,
                      std::unique_ptr<RtMidiSink>* out,
                      const std::function<std::unique_ptr<RtMidiSink>()>& open) {
    QString error;
    if (!jack.start(name + QString::number(QCoreApplication::applicationPid()), 48000, 1024, &error))
        return "JACK cannot run here: " + error;
    try {
        *in = MidiInputRecorder::openVirtual("in", MidiApi::Jack, 4096);
        *out = open();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

int kind(const RecordingSink::Entry& e) { return e.bytes[0] & 0xF0; }
bool isOn(const RecordingSink::Entry& e) { return kind(e) == 0x90 && e.bytes[2] > 0; }
bool isOff(const RecordingSink::Entry& e) { return kind(e) == 0x80 || (kind(e) == 0x90 && e.bytes[2] == 0); }

// Every note-on is followed later by its note-off; returns how many are left sounding.
int sounding(const std::vector<RecordingSink::Entry>& es) {
    int open[16][128] = {};
    for (const auto& e : es) {
        if (isOn(e))
            ++open[e.bytes[0] & 15][e.bytes[1]];
        else if (isOff(e) && open[e.bytes[0] & 15][e.bytes[1]] > 0)
            --open[e.bytes[0] & 15][e.bytes[1]];
        else if (kind(e) == 0xB0 && e.bytes[1] == 123) // all notes off
            for (int k = 0; k < 128; ++k)
                open[e.bytes[0] & 15][k] = 0;
    }
    int n = 0;
    for (auto& ch : open)
        for (int v : ch)
            n += v;
    return n;
}

} // namespace

class TestPlayback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyNoteArrivesInOrder() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(16, 0.25, 0.2, 1200)); // 4 beats at 1200 bpm: 0.2 s
        std::atomic<bool> done{false};
        engine.setFinishedHandler([&] { done = true; });
        engine.play();
        QVERIFY(waitFor([&] { return done.load(); }, 5000));
        QVERIFY(!engine.isPlaying());
        const auto es = sink.entries();
        // Program changes and volumes first.
        QCOMPARE(kind(es[0]), 0xC0);
        QCOMPARE(int(es[0].bytes[1]), 26);
        QCOMPARE(kind(es[1]), 0xB0);
        QCOMPARE(int(es[1].bytes[1]), 7);
        QCOMPARE(kind(es[2]), 0xC0);
        QCOMPARE(int(es[2].bytes[1]), 4);
        // Then exactly the song's events, in the engine's order, times never going back.
        const auto& want = engine.events();
        std::vector<RecordingSink::Entry> notes(es.begin() + 4, es.end());
        QCOMPARE(notes.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(notes[i].bytes[0], want[i].bytes[0]);
            QCOMPARE(notes[i].bytes[1], want[i].bytes[1]);
            if (i)
                QVERIFY(notes[i].at >= notes[i - 1].at);
        }
        QCOMPARE(sounding(es), 0);
        QCOMPARE(int(std::count_if(es.begin(), es.end(), isOn)), 16 + 3);
        QCOMPARE(engine.position(), engine.lengthBeats());
    }

    void stopLeavesNothingSounding() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(64, 0.5, 2.0, 600)); // overlapping long notes
        engine.play();
        QVERIFY(waitFor([&] {
            const auto es = sink.entries();
            return std::count_if(es.begin(), es.end(), isOn) >= 8;
        }, 5000));
        engine.stop();
        QVERIFY(!engine.isPlaying());
        const auto es = sink.entries();
        QVERIFY(sounding(es) == 0);
        // Every note-on got its own note-off before the all-notes-off sweep, too.
        int open = 0;
        for (const auto& e : es)
            open += isOn(e) ? 1 : isOff(e) ? -1 : 0;
        QCOMPARE(open, 0);
        int allOff = 0, sustainOff = 0;
        for (const auto& e : es)
            if (kind(e) == 0xB0) {
                allOff += e.bytes[1] == 123;
                sustainOff += e.bytes[1] == 64 && e.bytes[2] == 0;
            }
        QCOMPARE(allOff, 16);
        QCOMPARE(sustainOff, 16);
        const double stoppedAt = engine.position();
        QVERIFY(stoppedAt > 0 && stoppedAt < engine.lengthBeats());
    }

    void loopsTheRange() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(16, 0.5, 0.25, 2400)); // 8 beats; a beat is 25 ms
        engine.setLoop(0, 2);                    // the first 4 notes, over and over
        engine.play();
        QVERIFY(waitFor([&] {
            const auto es = sink.entries();
            return std::count_if(es.begin(), es.end(),
                                 [](const auto& e) { return isOn(e) && e.bytes[1] == 60; }) >= 4;
        }, 5000));
        engine.stop();
        for (const auto& e : sink.entries())
            if (isOn(e) && e.bytes[0] == 0x90)
                QVERIFY2(e.bytes[1] < 64, "a note after the loop's end was played");
        QCOMPARE(sounding(sink.entries()), 0);
    }

    void tempoChangeWhilePlaying() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(40, 0.25, 0.1, 600)); // 25 ms per sixteenth at 600 bpm
        engine.play();
        QVERIFY(waitFor([&] {
            const auto es = sink.entries();
            return std::count_if(es.begin(), es.end(),
                                 [](const auto& e) { return isOn(e) && e.bytes[0] == 0x90; }) >= 10;
        }, 5000));
        engine.setTempo(300); // half as fast
        QCOMPARE(engine.tempo(), 300.0);
        QVERIFY(waitFor([&] { return !engine.isPlaying(); }, 10000));
        std::vector<Clock::time_point> ons;
        for (const auto& e : sink.entries())
            if (isOn(e) && e.bytes[0] == 0x90)
                ons.push_back(e.at);
        QCOMPARE(int(ons.size()), 40);
        auto gap = [&](size_t a, size_t b) {
            return std::chrono::duration<double>(ons[b] - ons[a]).count() / double(b - a);
        };
        // A ratio in one run, not a timing threshold: later notes are about twice as far apart.
        const double ratio = gap(30, 39) / gap(1, 8);
        QVERIFY2(ratio > 1.5 && ratio < 2.7, qPrintable(QString("ratio %1").arg(ratio)));
    }

    void jumpContinuesFromThere() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(32, 1.0, 0.5, 240)); // a note per beat, 0.25 s each
        engine.play();
        QVERIFY(waitFor([&] { return engine.position() > 0.2; }, 5000));
        const size_t before = sink.entries().size();
        engine.jump(20);
        QVERIFY(waitFor([&] {
            const auto es = sink.entries();
            for (size_t i = before; i < es.size(); ++i)
                if (isOn(es[i]) && es[i].bytes[0] == 0x90)
                    return true;
            return false;
        }, 5000));
        engine.stop();
        const auto es = sink.entries();
        for (size_t i = before; i < es.size(); ++i)
            if (isOn(es[i]) && es[i].bytes[0] == 0x90) {
                QCOMPARE(int(es[i].bytes[1]), 60 + 20 % 12); // the note at beat 20
                break;
            }
    }

    void jackLoopbackReceivesExactlyTheTake() {
        JackServer jack;
        std::unique_ptr<MidiInputRecorder> in;
        std::unique_ptr<RtMidiSink> out;
        if (const QString why = startLoopback(jack, "jazztest", &in, &out, [] {
                return RtMidiSink::openVirtual("out", MidiApi::Jack);
            });
            !why.isEmpty())
            QSKIP(qPrintable(why));
        QString error;
        QVERIFY2(jack.connect("Jazz Studio:out", "Jazz Studio input:in", &error), qPrintable(error));
        PlaybackEngine engine(out.get());
        engine.load(song(24, 0.25, 0.2, 960));
        std::atomic<bool> done{false};
        engine.setFinishedHandler([&] { done = true; });
        engine.play();
        QVERIFY(waitFor([&] { return done.load(); }, 10000));
        const size_t expected = 4 + engine.events().size();
        QVERIFY(waitFor([&] { return in->count() >= expected; }, 3000));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto got = in->entries();
        QCOMPARE(got.size(), expected);
        for (size_t i = 0; i < engine.events().size(); ++i) {
            const auto& e = engine.events()[i];
            const auto& g = got[4 + i];
            QCOMPARE(int(g.size), int(e.size));
            QCOMPARE(g.bytes[0], e.bytes[0]);
            QCOMPARE(g.bytes[1], e.bytes[1]);
            QCOMPARE(g.bytes[2], e.bytes[2]);
        }
    }

    // jackd reports every overrun on its output. The private server used to print into a pipe
    // that nobody read while a test or the benchmark was busy: after about 64 KiB of reports
    // jackd blocked on the write, and every client with it (the benchmark hung at exit). In
    // JACK's default asynchronous mode a client that overruns every 0.33 ms period makes the
    // server's own thread print hundreds of reports a second (a synchronous server prints them
    // from its real-time thread through a buffer that drops what it cannot write, so it does not
    // show the bug); the server must keep serving, and the reports must be in its log.
    void jackServerKeepsServingWhileReportingOverruns() {
        JackServer jack;
        QString error;
        if (!jack.start("jazzxrun" + QString::number(QCoreApplication::applicationPid()), 48000, 16,
                        &error, /*synchronous=*/false))
            QSKIP(qPrintable("JACK cannot run here: " + error));
        jack_client_t* slow = jack_client_open("slow", JackNoStartServer, nullptr);
        QVERIFY(slow);
        jack_port_register(slow, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
        jack_port_register(slow, "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
        std::atomic<int> cycles{0};
        jack_set_process_callback(slow, [](jack_nframes_t, void* arg) -> int {
            // One and a half periods of work in each: never finished in time.
            const auto until = Clock::now() + std::chrono::microseconds(500);
            while (Clock::now() < until) {
            }
            static_cast<std::atomic<int>*>(arg)->fetch_add(1);
            return 0;
        }, &cycles);
        QCOMPARE(jack_activate(slow), 0);
        QElapsedTimer t;
        t.start();
        qint64 logged = 0;
        // A little more than a pipe holds (64 KiB), then stop hogging a CPU at real-time priority.
        while (t.elapsed() < 20000 && logged < 70'000) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            logged = jack.logSize();
        }
        qInfo("jackd printed %lld bytes of reports in %lld ms", logged, t.elapsed());
        const int before = cycles.load();
        // The server still answers (jack_connect is a separate program, with a 5 s timeout)...
        QVERIFY2(jack.connect("slow:out", "slow:in", &error), qPrintable(error));
        // ...and still runs its clients.
        QVERIFY(waitFor([&] { return cycles.load() > before + 100; }, 5000));
        // ...and lets a client leave (where the benchmark hung). On its own thread, so that a
        // hang fails the test instead of stalling it.
        auto closed = std::make_shared<std::atomic<bool>>(false);
        std::thread closer([slow, closed] {
            jack_deactivate(slow);
            jack_client_close(slow);
            *closed = true;
        });
        if (!waitFor([&] { return closed->load(); }, 10000)) {
            closer.detach();
            QFAIL("closing a JACK client hung: jackd is stuck");
        }
        closer.join();
        QVERIFY2(logged >= 65536, qPrintable(QString("only %1 bytes of reports in 20 s").arg(logged)));
        QVERIFY2(jack.logTail().contains("XRun"), qPrintable(jack.logTail()));
    }

    // A private server is ours or nothing: a name already taken is refused (clients would join
    // the other server), and a jackd that exits passes on what it printed (here for a negative
    // period).
    void jackServerThatCannotStartSaysWhy() {
        const QString name = "jazzdup" + QString::number(QCoreApplication::applicationPid());
        JackServer first, second, third;
        QString error;
        if (!first.start(name, 48000, 1024, &error))
            QSKIP(qPrintable("JACK cannot run here: " + error));
        QVERIFY(!second.start(name, 48000, 1024, &error));
        QVERIFY2(error.contains("already running") && error.contains(name), qPrintable(error));
        QVERIFY(!third.start(name + "x", 48000, -5, &error));
        QVERIFY2(error.startsWith("jackd exited: ") && error.contains("jackdmp"), qPrintable(error));
    }

    // Pulling the port during playback: disconnecting it in JACK, or closing the program
    // that owns it. The studio's poll (checkConnection) notices, the engine stops with one
    // message, and nothing crashes; the port can be opened again afterwards.
    void pulledPortStopsPlaybackWithAMessage_data() {
        QTest::addColumn<bool>("closeTheProgram");
        QTest::newRow("disconnected") << false;
        QTest::newRow("program closed") << true;
    }
    void pulledPortStopsPlaybackWithAMessage() {
        QFETCH(bool, closeTheProgram);
        JackServer jack;
        std::unique_ptr<MidiInputRecorder> in;
        std::unique_ptr<RtMidiSink> out;
        if (const QString why = startLoopback(jack, "jazzpull", &in, &out, [] {
                return RtMidiSink::openPort("Jazz Studio input:in", MidiApi::Jack);
            });
            !why.isEmpty())
            QSKIP(qPrintable(why));
        QString error;
        QCOMPARE(QString::fromStdString(out->portName()), QString("Jazz Studio input:in"));
        PlaybackEngine engine(out.get());
        engine.load(song(400, 0.25, 0.2, 480)); // long enough to be pulled mid-way
        std::atomic<bool> reported{false};
        std::string message;
        std::mutex m;
        engine.setErrorHandler([&](const std::string& why) {
            std::lock_guard<std::mutex> lock(m);
            message = why;
            reported = true;
        });
        engine.play();
        QVERIFY(waitFor([&] { return in->count() > 10; }, 5000));
        out->checkConnection();
        QVERIFY2(!out->failed(), out->errorMessage().c_str()); // still there
        if (closeTheProgram)
            in.reset();
        else
            QVERIFY2(jack.disconnect("Jazz Studio:out", "Jazz Studio input:in", &error),
                     qPrintable(error));
        QVERIFY(waitFor([&] {
            out->checkConnection(); // what the transport's timer does
            return out->failed();
        }, 5000));
        QVERIFY(waitFor([&] { return reported.load(); }, 5000));
        QVERIFY(waitFor([&] { return !engine.isPlaying(); }, 5000));
        {
            std::lock_guard<std::mutex> lock(m);
            QVERIFY2(QString::fromStdString(message).contains(closeTheProgram ? "is gone" : "disconnected"),
                     message.c_str());
            QVERIFY(QString::fromStdString(message).contains("Jazz Studio input:in"));
        }
        // Retry: with the program back, the port opens and plays again.
        out.reset();
        if (!in)
            in = MidiInputRecorder::openVirtual("in", MidiApi::Jack, 4096);
        out = RtMidiSink::openPort("Jazz Studio input:in", MidiApi::Jack);
        PlaybackEngine again(out.get());
        again.load(song(4, 0.25, 0.2, 480));
        std::atomic<bool> done{false};
        again.setFinishedHandler([&] { done = true; });
        const size_t before = in->count();
        again.play();
        QVERIFY(waitFor([&] { return done.load(); }, 10000));
        QVERIFY(waitFor([&] { return in->count() > before; }, 3000));
    }

    void fluidSynthLivePlaysThroughTheFileDriver() {
        QTemporaryDir dir;
        const QString wav = dir.filePath("live.wav");
        std::unique_ptr<FluidSynthSink> synth;
        try {
            synth = FluidSynthSink::open({{}, "file", wav.toStdString(), 44100});
        } catch (const Error& e) {
            QSKIP(e.what()); // no SoundFont installed
        }
        PlaybackEngine engine(synth.get());
        engine.load(song(8, 0.5, 0.4, 480));
        std::atomic<bool> done{false};
        engine.setFinishedHandler([&] { done = true; });
        engine.play();
        QVERIFY(waitFor([&] { return done.load(); }, 10000));
        synth.reset(); // closes the driver and its file
        QFile f(wav);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QVERIFY2(data.size() > 44100, qPrintable(QString("%1 bytes").arg(data.size())));
        int loud = 0;
        const auto* s = reinterpret_cast<const int16_t*>(data.constData() + 44);
        for (qsizetype i = 0; i < (data.size() - 44) / 2; ++i)
            loud = std::max(loud, std::abs(int(s[i])));
        QVERIFY2(loud > 500, qPrintable(QString("peak %1").arg(loud)));
    }

    void missingDevicesAreClearErrors() {
        try {
            FluidSynthSink::open({"/nonexistent/gm.sf2", "file", "/dev/null", 44100});
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/gm.sf2: SoundFont file not found"));
        }
        try {
            RtMidiSink::openPort("No Such Synth 9000");
            QFAIL("accepted");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("'No Such Synth 9000' not found") || m.contains("no MIDI system"),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPlayback)
#include "test_playback.moc"
