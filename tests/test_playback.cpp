// The live playback engine: order and completeness through a recording sink, loop, tempo,
// jump and stop; a real MIDI transport (a private JACK server with the dummy driver, RtMidi
// out to RtMidi in); FluidSynth live through its file audio driver; device errors.
#include "Error.h"
#include "playback/Devices.h"
#include "playback/EngineClock.h"
#include "playback/JackServer.h"
#include "playback/MidiSource.h"
#include "playback/PendingQueue.h"
#include "playback/PlaybackEngine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <jack/jack.h>

#include <condition_variable>
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

// What an input received so far (its messages taken and kept).
struct Inbox {
    MidiSource* source = nullptr;
    std::vector<StampedMessage> got;
    size_t count() {
        if (source) {
            const auto more = source->take();
            got.insert(got.end(), more.begin(), more.end());
        }
        return got.size();
    }
    const std::vector<StampedMessage>& entries() {
        count();
        return got;
    }
};

// A private JACK server and a recording input ("Jazz Studio input:in") on it, with `open`
// making the output under test. The period is long (21 ms): these tests check what arrives,
// not when, and a slow dummy driver does not overrun (and drop MIDI) on a loaded machine.
// Returns why it cannot run here (the caller skips), or an empty string.
QString startLoopback(JackServer& jack, const QString& name, std::unique_ptr<RtMidiSource>* in,
                      std::unique_ptr<RtMidiSink>* out,
                      const std::function<std::unique_ptr<RtMidiSink>()>& open) {
    QString error;
    if (!jack.start(name + QString::number(QCoreApplication::applicationPid()), 48000, 1024, &error))
        return "JACK cannot run here: " + error;
    try {
        *in = RtMidiSource::openVirtual("in", MidiApi::Jack, 4096);
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

// A manual clock that stops the scheduler once, when armed, on its way into a wait (after it
// read its controls): the test changes a control and advances the clock in that moment.
struct StallingClock : ManualClock {
    mutable std::mutex m;
    mutable std::condition_variable cv;
    mutable bool armed = false, inside = false, released = false;
    void waitUntil(Clock::time_point due) const override {
        bool stalled = false;
        {
            std::unique_lock<std::mutex> lock(m);
            if (armed) {
                armed = false;
                inside = true;
                cv.notify_all();
                cv.wait_for(lock, std::chrono::seconds(5), [&] { return released; });
                stalled = true;
            }
        }
        if (stalled) // the test advances the clock by 1 us: on once it has
            while (ManualClock::now() == stalledAt)
                std::this_thread::yield();
        ManualClock::waitUntil(due);
    }
    Clock::time_point stalledAt;
};

// A sink that holds the first message until released (a scheduler that has not started yet).
struct HoldingSink : RecordingSink {
    std::mutex m;
    std::condition_variable cv;
    bool released = false;
    explicit HoldingSink(const EngineClock* clock) : RecordingSink(4096, clock) {}
    void send(const uint8_t* bytes, size_t size) override {
        {
            std::unique_lock<std::mutex> lock(m);
            cv.wait_for(lock, std::chrono::seconds(5), [&] { return released; });
        }
        RecordingSink::send(bytes, size);
    }
    void release() {
        std::lock_guard<std::mutex> lock(m);
        released = true;
        cv.notify_all();
    }
};

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

    // On a manual clock: exact times, whatever the machine's load.
    void tempoChangeWhilePlaying() {
        using namespace std::chrono_literals;
        ManualClock clock;
        const Clock::time_point t0 = clock.now();
        RecordingSink sink(1 << 16, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(40, 0.25, 0.125, 600)); // 100 ms a beat: a sixteenth every 25 ms
        engine.play();
        QVERIFY(clock.advance(0ms));
        // Beat 2.5 at 250 ms, then half as fast: 200 ms a beat from there. Steps of 2.5 ms
        // land on every due time, so each message is stamped exactly when it was due.
        for (int i = 0; i < 100; ++i)
            QVERIFY(clock.advance(2500us));
        QCOMPARE(engine.position(), 2.5);
        engine.setTempo(300);
        QCOMPARE(engine.tempo(), 300.0);
        QVERIFY(clock.advance(0ms));
        for (int i = 0; i < 1000 && engine.isPlaying(); ++i)
            QVERIFY(clock.advance(2500us));
        QVERIFY(!engine.isPlaying());
        auto expected = [](double beat) { // ms after the start
            return beat <= 2.5 ? beat * 100 : 250 + (beat - 2.5) * 200;
        };
        int ons = 0, offs = 0;
        for (const auto& e : sink.entries()) {
            if (e.bytes[0] != 0x90 && e.bytes[0] != 0x80)
                continue; // the solo's channel only
            const int i = isOn(e) ? ons++ : offs++;
            const double beat = i * 0.25 + (isOn(e) ? 0 : 0.125);
            const double ms = std::chrono::duration<double, std::milli>(e.at - t0).count();
            QVERIFY2(std::abs(ms - expected(beat)) < 1e-3,
                     qPrintable(QString("note %1 (%2) at %3 ms, not %4 ms")
                                    .arg(i).arg(isOn(e) ? "on" : "off").arg(ms).arg(expected(beat))));
            if (beat >= 2.5) // the run's clock-to-beat mapping, from the tempo change on
                QCOMPARE(engine.beatAt(e.at), beat);
        }
        QCOMPARE(ons, 40);
        QCOMPARE(offs, 40);
    }

    void jumpContinuesFromThere() {
        using namespace std::chrono_literals;
        ManualClock clock;
        const Clock::time_point t0 = clock.now();
        RecordingSink sink(1 << 16, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(32, 1.0, 0.5, 240)); // a note per beat, 250 ms each
        engine.play();
        QVERIFY(clock.advance(0ms));
        QVERIFY(clock.advance(250ms)); // beats 0 and 1 sent
        QCOMPARE(engine.position(), 1.0);
        const size_t before = sink.entries().size();
        engine.jump(20);
        QVERIFY(clock.advance(0ms)); // the jump lands now: beat 20 is due at once
        QVERIFY(clock.advance(250ms));
        QCOMPARE(engine.position(), 21.0);
        engine.stop();
        std::vector<RecordingSink::Entry> ons;
        const auto es = sink.entries();
        for (size_t i = before; i < es.size(); ++i)
            if (isOn(es[i]) && es[i].bytes[0] == 0x90)
                ons.push_back(es[i]);
        QCOMPARE(int(ons.size()), 2);
        QCOMPARE(int(ons[0].bytes[1]), 60 + 20 % 12); // the note at beat 20, at the jump
        QCOMPARE(ons[0].at, t0 + 250ms);
        QCOMPARE(int(ons[1].bytes[1]), 60 + 21 % 12); // then on, a beat later
        QCOMPARE(ons[1].at, t0 + 500ms);
        QCOMPARE(sounding(es), 0);
    }

    // Events queued while playing merge with the song's in beat order; one whose beat has
    // passed goes out at once; extendTo keeps time past the song's end for queued bars.
    void queuedEventsMergeWhilePlaying() {
        using namespace std::chrono_literals;
        ManualClock clock;
        const Clock::time_point t0 = clock.now();
        RecordingSink sink(1 << 16, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(4, 1.0, 0.5, 600)); // notes on beats 0-3, 100 ms a beat; 4 beats long
        std::atomic<bool> done{false};
        engine.setFinishedHandler([&] { done = true; });
        engine.play();
        QVERIFY(clock.advance(0ms));
        for (int i = 0; i < 6; ++i) // to beat 1.5, on every due time
            QVERIFY(clock.advance(25ms));
        auto event = [](double beat, uint8_t status, uint8_t key, uint8_t vel) {
            return PlaybackEngine::Event{beat, {status, key, vel}, 3};
        };
        QVERIFY(engine.schedule(event(2.25, 0x92, 70, 80)));  // between the song's notes
        QVERIFY(engine.schedule(event(2.5, 0x82, 70, 0)));
        QVERIFY(engine.schedule(event(1.0, 0x92, 71, 80)));   // already passed: at once
        QVERIFY(engine.schedule(event(1.25, 0x82, 71, 0)));
        QVERIFY(engine.schedule(event(6.0, 0x92, 72, 80)));   // after the song's end...
        QVERIFY(engine.schedule(event(6.5, 0x82, 72, 0)));
        engine.extendTo(7);                                    // ...which is made longer
        QVERIFY(clock.advance(0ms));
        for (int i = 0; i < 100 && engine.isPlaying(); ++i)
            QVERIFY(clock.advance(25ms));
        QVERIFY(done.load());
        QCOMPARE(engine.position(), 7.0);
        struct Seen {
            int key;
            bool on;
            double ms;
        };
        std::vector<Seen> seen;
        for (const auto& e : sink.entries())
            if (isOn(e) || isOff(e))
                if ((e.bytes[0] & 0x0F) != 1) // not the held chord
                    seen.push_back({e.bytes[1], isOn(e),
                                    std::chrono::duration<double, std::milli>(e.at - t0).count()});
        const std::vector<Seen> want = {
            {60, true, 0},    {60, false, 50},  {61, true, 100}, {61, false, 150},
            {71, true, 150},  {71, false, 150}, {62, true, 200}, {70, true, 225},
            {62, false, 250}, {70, false, 250}, {63, true, 300}, {63, false, 350},
            {72, true, 600},  {72, false, 650}};
        QCOMPARE(int(seen.size()), int(want.size()));
        for (size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(seen[i].key, want[i].key);
            QCOMPARE(seen[i].on, want[i].on);
            QCOMPARE(seen[i].ms, want[i].ms);
        }
        // The clock-to-beat mapping of the run, both ways.
        QCOMPARE(engine.beatAt(t0 + 250ms), 2.5);
        QCOMPARE(engine.timeAt(6.5), t0 + 650ms);
    }

    // Queued before play: played from where play starts; those before it are dropped.
    void queuedBeforePlayStartsWithIt() {
        using namespace std::chrono_literals;
        ManualClock clock;
        RecordingSink sink(4096, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(4, 1.0, 0.5, 600));
        QVERIFY(engine.schedule({1.0, {0x92, 80, 90}, 3})); // before the start: dropped
        QVERIFY(engine.schedule({2.5, {0x92, 81, 90}, 3}));
        QVERIFY(engine.schedule({2.75, {0x82, 81, 0}, 3}));
        engine.play(2);
        QVERIFY(clock.advance(0ms));
        for (int i = 0; i < 100 && engine.isPlaying(); ++i)
            QVERIFY(clock.advance(25ms));
        std::vector<int> keys;
        for (const auto& e : sink.entries())
            if (e.bytes[0] == 0x92)
                keys.push_back(e.bytes[1]);
        QCOMPARE(keys, std::vector<int>({81}));
    }

    // The queue never blocks the producer: past its capacity schedule() says no and counts.
    void queueRefusesWhenFull() {
        RecordingSink sink;
        PlaybackEngine engine(&sink);
        engine.load(song(1, 1, 0.5, 120));
        size_t accepted = 0;
        for (size_t i = 0; i < PlaybackEngine::kQueueCapacity + 10; ++i)
            accepted += engine.schedule({100.0, {0x90, 60, 90}, 3});
        QCOMPARE(accepted, PlaybackEngine::kQueueCapacity);
        QCOMPARE(engine.droppedQueued(), size_t(10));
        engine.load(song(1, 1, 0.5, 120)); // load empties the queue
        QVERIFY(engine.schedule({100.0, {0x90, 60, 90}, 3}));
    }

    // A tempo change made after the scheduler read its controls, but before it waits: the
    // manual clock's advance() returns only once the scheduler has read it (else a test could
    // see the old tempo after advance(), and timing tests flaked on a loaded machine).
    void aControlChangedBeforeTheWaitIsRead() {
        using namespace std::chrono_literals;
        StallingClock clock;
        RecordingSink sink(1 << 16, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(40, 1.0, 0.5, 600)); // 100 ms a beat
        engine.play();
        QVERIFY(clock.advance(0ms));
        QVERIFY(clock.advance(150ms));
        {
            std::unique_lock<std::mutex> lock(clock.m);
            clock.stalledAt = clock.ManualClock::now();
            clock.armed = true;
            // The scheduler's next wait (its 2 ms slice ends, it looks at its controls).
            QVERIFY(clock.cv.wait_for(lock, 5s, [&] { return clock.inside; }));
        }
        engine.setTempo(300); // 200 ms a beat, after the scheduler read the tempo
        {
            std::lock_guard<std::mutex> lock(clock.m);
            clock.released = true;
            clock.cv.notify_all();
        }
        QVERIFY(clock.advance(1us));
        // The run's mapping is the new tempo's now.
        QCOMPARE(engine.timeAt(5.0) - engine.timeAt(4.0), Clock::duration(200ms));
        engine.stop();
    }

    // The run's clock-to-beat mapping holds from the moment play() returns, even while the
    // scheduler thread has not begun (its first message held here).
    void theMappingHoldsWhenPlayReturns() {
        using namespace std::chrono_literals;
        ManualClock clock;
        HoldingSink sink(&clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(8, 1.0, 0.5, 600)); // 100 ms a beat
        engine.play(4);
        const Clock::time_point t = clock.now();
        QCOMPARE(engine.beatAt(t), 4.0);
        QCOMPARE(engine.beatAt(t + 250ms), 6.5);
        QCOMPARE(engine.timeAt(5.0), t + 100ms);
        sink.release();
        QVERIFY(clock.advance(0ms));
        QCOMPARE(engine.beatAt(t), 4.0);
        engine.stop();
    }

    // The pending queue plays in order whatever order events were queued in: in order appended
    // (O(1)), out of order through its heap; among equals, first queued first.
    void pendingEventsPlayInOrder() {
        struct Item {
            double beat;
            int id;
        };
        struct ByBeat {
            bool operator()(const Item& a, const Item& b) const { return a.beat < b.beat; }
        };
        PendingQueue<Item, ByBeat> q(4096);
        std::vector<Item> want;
        int id = 0;
        for (int i = 0; i < 2000; ++i) // a chorus, in time order
            q.push({i * 0.25, id++});
        for (int i = 0; i < 300; ++i) // an answer under it, then equal beats
            q.push({100 + i * 0.5, id++});
        q.push({50, id++});
        q.push({50, id++});
        std::vector<Item> got;
        while (!q.empty()) {
            got.push_back(q.next());
            q.pop();
        }
        QCOMPARE(int(got.size()), 2000 + 300 + 2);
        for (size_t i = 1; i < got.size(); ++i)
            QVERIFY2(got[i - 1].beat < got[i].beat ||
                         (got[i - 1].beat == got[i].beat && got[i - 1].id < got[i].id),
                     qPrintable(QString("%1 (%2) before %3 (%4)")
                                    .arg(got[i - 1].beat)
                                    .arg(got[i - 1].id)
                                    .arg(got[i].beat)
                                    .arg(got[i].id)));
        // Full: refuses.
        PendingQueue<Item, ByBeat> small(4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(small.push({double(4 - i), i}));
        QVERIFY(!small.push({0, 9}));
        QCOMPARE(small.next().beat, 1.0);
    }

    // Through the engine: a band chorus queued in order, an answer under it out of order, all
    // sent in beat order at their times.
    void queuedChorusAndAnswerPlayInOrder() {
        using namespace std::chrono_literals;
        ManualClock clock;
        const Clock::time_point t0 = clock.now();
        RecordingSink sink(1 << 16, &clock);
        PlaybackEngine engine(&sink, &clock);
        engine.load(song(1, 1.0, 0.5, 600)); // 100 ms a beat
        for (int i = 0; i < 1500; ++i) { // the band: a note every quarter beat, channel 3
            QVERIFY(engine.schedule({1 + i * 0.25, {0x93, uint8_t(40 + i % 20), 70}, 3}));
            QVERIFY(engine.schedule({1 + i * 0.25 + 0.125, {0x83, uint8_t(40 + i % 20), 0}, 3}));
        }
        engine.extendTo(400);
        engine.play();
        QVERIFY(clock.advance(0ms));
        for (int i = 0; i < 50; ++i) // the answer, queued while playing, under the band's
            QVERIFY(engine.schedule({20 + i * 0.5, {0x94, uint8_t(70 + i % 10), 90}, 3}));
        for (int i = 0; i < 4000 && engine.isPlaying(); ++i)
            QVERIFY(clock.advance(12500us)); // an eighth of a beat: every due time
        int band = 0, answer = 0;
        for (const auto& e : sink.entries()) {
            const double beat = std::chrono::duration<double>(e.at - t0).count() * 10;
            if (e.bytes[0] == 0x93) {
                QCOMPARE(beat, 1 + band * 0.25);
                ++band;
            } else if (e.bytes[0] == 0x94) {
                QCOMPARE(beat, 20 + answer * 0.5);
                ++answer;
            }
        }
        QCOMPARE(band, 1500);
        QCOMPARE(answer, 50);
    }

    // A port is chosen by a part of its name, but never one of ours by a part: "--output in"
    // must not feed the band back into our own input ("Jazz Studio input:in").
    void ourOwnPortsMatchOnlyByTheirFullName() {
        JackServer jack;
        std::unique_ptr<RtMidiSource> in;
        std::unique_ptr<RtMidiSink> unused;
        if (const QString why = startLoopback(jack, "jazzown", &in, &unused,
                                              [] { return std::unique_ptr<RtMidiSink>(); });
            !why.isEmpty())
            QSKIP(qPrintable(why));
        try {
            RtMidiSink::openPort("input", MidiApi::Jack);
            QFAIL("a part of our own input's name opened it");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("'input' not found"), e.what());
        }
        // Another program's port (a plain JACK client) with "in" in its name is the one found.
        jack_client_t* other = jack_client_open("Other synth", JackNoStartServer, nullptr);
        QVERIFY(other);
        QVERIFY(jack_port_register(other, "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0));
        QVERIFY(jack_activate(other) == 0);
        {
            const auto sink = RtMidiSink::openPort("in", MidiApi::Jack);
            QCOMPARE(QString::fromStdString(sink->portName()), QString("Other synth:in"));
            // Ours still opens by its full name (as the loopback tests do).
            const auto ours = RtMidiSink::openPort("Jazz Studio input:in", MidiApi::Jack);
            QCOMPARE(QString::fromStdString(ours->portName()), QString("Jazz Studio input:in"));
        }
        jack_deactivate(other);
        jack_client_close(other);
    }

    void jackLoopbackReceivesExactlyTheTake() {
        JackServer jack;
        std::unique_ptr<RtMidiSource> in;
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
        Inbox inbox{in.get(), {}};
        QVERIFY(waitFor([&] { return inbox.count() >= expected; }, 3000));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto got = inbox.entries();
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
        std::unique_ptr<RtMidiSource> in;
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
        Inbox inbox{in.get(), {}};
        QVERIFY(waitFor([&] { return inbox.count() > 10; }, 5000));
        out->checkConnection();
        QVERIFY2(!out->failed(), out->errorMessage().c_str()); // still there
        if (closeTheProgram) {
            inbox.source = nullptr;
            in.reset();
        }
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
            in = RtMidiSource::openVirtual("in", MidiApi::Jack, 4096);
        inbox.source = in.get();
        out = RtMidiSink::openPort("Jazz Studio input:in", MidiApi::Jack);
        PlaybackEngine again(out.get());
        again.load(song(4, 0.25, 0.2, 480));
        std::atomic<bool> done{false};
        again.setFinishedHandler([&] { done = true; });
        const size_t before = inbox.count();
        again.play();
        QVERIFY(waitFor([&] { return done.load(); }, 10000));
        QVERIFY(waitFor([&] { return inbox.count() > before; }, 3000));
    }

    // Ports opened and closed while messages flow through them, many times: closing must never
    // race JACK's process thread (RtMidi's JACK backend unregistered a port while its client was
    // active: a rare crash inside libjack; see playback/JackMidi.h).
    void jackPortsCloseSafelyWhileMessagesFlow() {
        JackServer jack;
        std::unique_ptr<RtMidiSource> in;
        std::unique_ptr<RtMidiSink> out;
        if (const QString why = startLoopback(jack, "jazzclose", &in, &out, [] {
                return RtMidiSink::openVirtual("out", MidiApi::Jack);
            });
            !why.isEmpty())
            QSKIP(qPrintable(why));
        std::atomic<bool> stop{false};
        std::thread sender([&] { // a message every 0.2 ms, all along
            const uint8_t on[3] = {0x90, 60, 90}, off[3] = {0x80, 60, 0};
            for (int i = 0; !stop; ++i) {
                out->send(i % 2 ? off : on, 3);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
        int heard = 0;
        for (int i = 0; i < 30; ++i) {
            auto listener = RtMidiSource::openPort("Jazz Studio:out", MidiApi::Jack, 4096);
            auto extra = RtMidiSink::openPort("Jazz Studio input:in", MidiApi::Jack);
            Inbox inbox{listener.get(), {}};
            waitFor([&] { return inbox.count() > 0; }, 500);
            heard += inbox.count() > 0;
            const uint8_t cc[3] = {0xB0, 1, uint8_t(i)};
            extra->send(cc, 3);
            // Both closed here, while messages keep flowing.
        }
        stop = true;
        sender.join();
        QVERIFY2(heard >= 25, qPrintable(QString("messages reached %1 of 30 listeners").arg(heard)));
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
