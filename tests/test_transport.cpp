// The transport service: the device choice and lazy opening, failures reported once, the clock
// to beat mapping, events queued while playing, and the MIDI input's messages placed on beats
// (a FakeMidiSource and a manual clock: exact, whatever the machine's load).
#include "Error.h"
#include "playback/Transport.h"

#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace jazz;
using namespace jazz::playback;
using namespace std::chrono_literals;

namespace {

midi::Song notes(int count, double bpm) {
    midi::Song s;
    s.bpm = bpm;
    midi::SongTrack t;
    t.name = "Solo";
    for (int i = 0; i < count; ++i)
        t.notes.push_back({double(i), 0.5, 60 + i, 90, 0});
    s.tracks = {t};
    return s;
}

// A sink that fails (like a pulled port) after `okay` messages.
struct FailingSink : MidiSink {
    int okay;
    std::atomic<int> sent{0};
    explicit FailingSink(int n) : okay(n) {}
    void send(const uint8_t*, size_t) override {
        if (++sent > okay)
            fail("the test port went away");
    }
};

} // namespace

class TestTransport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void playsToTheChosenSinkOnTheBeat() {
        ManualClock clock;
        const auto t0 = clock.now();
        RecordingSink sink(4096, &clock);
        Transport transport(&clock);
        QVERIFY(!transport.isOpen()); // nothing opens before it is needed
        transport.setOutput(Output::given(&sink));
        std::string error;
        QVERIFY(transport.play(notes(4, 120), 0, &error)); // 500 ms a beat
        QVERIFY(transport.isOpen());
        QVERIFY(clock.advance(0ms));
        QVERIFY(clock.advance(1000ms));
        QCOMPARE(transport.position(), 2.0);
        QCOMPARE(transport.beatAt(t0 + 750ms), 1.5);
        QCOMPARE(transport.timeAt(3.0), t0 + 1500ms);
        // Notes for a future beat, queued while playing, and the song made longer for them.
        QVERIFY(transport.schedule(std::vector<midi::SongNote>{{5.0, 0.5, 72, 100, 0}}));
        transport.extendTo(6);
        for (int i = 0; i < 40 && transport.isPlaying(); ++i)
            QVERIFY(clock.advance(250ms));
        QVERIFY(!transport.isPlaying());
        bool queuedNote = false;
        for (const auto& e : sink.entries())
            if (e.bytes[0] == 0x90 && e.bytes[1] == 72) {
                queuedNote = true;
                QCOMPARE(e.at, t0 + 2500ms);
            }
        QVERIFY(queuedNote);
        QCOMPARE(transport.lengthBeats(), 6.0);
    }

    void inputMessagesLandOnTheirBeats() {
        ManualClock clock;
        const auto t0 = clock.now();
        RecordingSink sink(4096, &clock);
        FakeMidiSource player(&clock);
        Transport transport(&clock);
        transport.setOutput(Output::given(&sink));
        transport.setInput(Input::given(&player));
        player.push({0x90, 50, 90}, t0); // before the input was opened: not taken
        std::string error;
        QVERIFY2(transport.openInput(&error), error.c_str());
        QVERIFY(transport.play(notes(8, 240), 0, &error)); // 250 ms a beat
        QVERIFY(clock.advance(0ms));
        player.push({0x90, 64, 100}, t0 + 500ms); // beat 2
        player.push({0x80, 64, 0}, t0 + 625ms);   // beat 2.5
        player.push({0x91, 67, 80}, t0 + 1000ms); // beat 4, channel 2
        const auto got = transport.takeInput();
        QCOMPARE(int(got.size()), 3);
        QCOMPARE(got[0].beat, 2.0);
        QCOMPARE(int(got[0].message.bytes[1]), 64);
        QVERIFY(got[0].message.isNoteOn());
        QCOMPARE(got[1].beat, 2.5);
        QVERIFY(got[1].message.isNoteOff());
        QCOMPARE(got[2].beat, 4.0);
        QVERIFY(transport.takeInput().empty()); // taken once
        transport.stop();
    }

    void aFailingOutputIsReportedOnce() {
        FailingSink sink(6);
        Transport transport;
        transport.setOutput(Output::given(&sink));
        std::mutex m;
        std::vector<std::string> reports;
        transport.setErrorHandler([&](const std::string& why) {
            std::lock_guard<std::mutex> lock(m);
            reports.push_back(why);
        });
        std::string error;
        QVERIFY(transport.play(notes(16, 2400), 0, &error));
        auto count = [&] {
            std::lock_guard<std::mutex> lock(m);
            return int(reports.size());
        };
        QTRY_COMPARE(count(), 1); // the report, not the stop: it comes first
        QTRY_VERIFY(!transport.isPlaying());
        transport.poll();
        transport.poll();
        std::lock_guard<std::mutex> lock(m);
        QCOMPARE(int(reports.size()), 1);
        QCOMPARE(QString::fromStdString(reports[0]), QString("the test port went away"));
    }

    void aVanishedInputIsReportedOnce() {
        FakeMidiSource player;
        Transport transport;
        transport.setInput(Input::given(&player));
        std::vector<std::string> reports;
        transport.setErrorHandler([&](const std::string& why) { reports.push_back(why); });
        std::string error;
        QVERIFY(transport.openInput(&error));
        transport.poll();
        QVERIFY(reports.empty());
        player.disappear("MIDI input 'keys' is gone (device unplugged or program closed)");
        transport.poll();
        transport.poll();
        QCOMPARE(int(reports.size()), 1);
        QVERIFY(QString::fromStdString(reports[0]).contains("'keys' is gone"));
    }

    // The handler can be replaced and cleared while the engine may be calling it: clearing
    // waits for a call in flight, and no call comes after it.
    void theHandlerCanBeClearedWhilePlaying() {
        for (int round = 0; round < 20; ++round) {
            FailingSink sink(3 + round % 5);
            Transport transport;
            transport.setOutput(Output::given(&sink));
            std::atomic<int> calls{0};
            std::atomic<bool> cleared{false}, late{false};
            transport.setErrorHandler([&](const std::string&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                late = late || cleared.load();
                ++calls;
            });
            std::string error;
            QVERIFY(transport.play(notes(16, 2400), 0, &error));
            std::this_thread::sleep_for(std::chrono::microseconds(100 * (round % 7)));
            transport.setErrorHandler(nullptr);
            cleared = true;
            transport.stop();
            QVERIFY(!late.load());
            QVERIFY(calls.load() <= 1);
        }
    }

    // Transport::schedule from another thread while the control thread closes and reopens the
    // engine: it queues into a live engine or says no, never into a destroyed one.
    void scheduleFromAnotherThreadWhileReopening() {
        RecordingSink sink;
        Transport transport;
        transport.setOutput(Output::given(&sink));
        std::string error;
        QVERIFY(transport.load(notes(4, 120), &error));
        std::atomic<bool> done{false};
        std::thread producer([&] {
            while (!done)
                transport.schedule(std::vector<PlaybackEngine::Event>{{100.0, {0x90, 60, 90}, 3}});
        });
        for (int i = 0; i < 200; ++i) {
            transport.close();
            QVERIFY(transport.load(notes(4, 120), &error));
        }
        done = true;
        producer.join();
    }

    void devicesThatCannotOpenSayWhy() {
        Transport transport;
        transport.setOutput(Output::midiPort("No Such Synth 9000"));
        std::string error;
        QVERIFY(!transport.play(notes(2, 120), 0, &error));
        QVERIFY2(QString::fromStdString(error).contains("'No Such Synth 9000' not found") ||
                     QString::fromStdString(error).contains("no MIDI system"),
                 error.c_str());
        QVERIFY(!transport.isOpen());
        transport.setInput(Input::midiPort("No Such Keyboard 9000"));
        error.clear();
        QVERIFY(!transport.openInput(&error));
        QVERIFY2(QString::fromStdString(error).contains("'No Such Keyboard 9000' not found") ||
                     QString::fromStdString(error).contains("no MIDI system"),
                 error.c_str());
        transport.setInput(Input{});
        QVERIFY(!transport.openInput(&error));
        QCOMPARE(QString::fromStdString(error), QString("no MIDI input chosen"));
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "test_transport.moc"
