// Trading bars with a live player. Offline and deterministic: a FakeMidiSource player, a
// recording sink and a manual clock drive a TradeSession step by step. Live: the command line
// (`jazz-studio trade`) over a private JACK server, a scripted player on one port and a listener
// on the other.
#include "SmallModel.h"
#include "Error.h"
#include "compose/TradeSession.h"
#include "dataset/Dataset.h"
#include "generate/Arrangement.h"
#include "generate/Continuation.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"
#include "playback/JackServer.h"
#include "playback/MidiSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

using namespace jazz;
using namespace jazz::playback;
using namespace std::chrono_literals;

namespace {

const char* kChords = "| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |";

// The player's phrase: eighths up and down a D dorian line over two bars (16 notes), `late`
// beats behind the beat as a human plays.
struct PlayedPhrase {
    std::vector<std::pair<double, int>> notes; // beat from the turn's start, pitch
};
PlayedPhrase phrase(int bars) {
    const int line[] = {62, 64, 65, 67, 69, 67, 65, 64};
    PlayedPhrase p;
    for (int i = 0; i < bars * 8; ++i)
        p.notes.push_back({i * 0.5, line[i % 8]});
    return p;
}

// A manual clock with two hooks for timing. `think`: each time the session (on `thinker`, the
// test's thread) looks at the clock, it moves on by that much, as time passes while a model
// computes (off: 0). `gate`: the scheduler, as it ends, waits (up to half a second) until released, so
// that the test can look at the session in that moment.
struct TradeClock : ManualClock {
    const std::thread::id thinker = std::this_thread::get_id(); // the one that made it
    std::atomic<Clock::rep> think{0};                            // in Clock::duration ticks
    Clock::time_point now() const override {
        if (const Clock::duration by(think.load());
            by > Clock::duration::zero() && std::this_thread::get_id() == thinker)
            const_cast<TradeClock*>(this)->advance(by);
        return ManualClock::now();
    }
    Clock::time_point real() const { return ManualClock::now(); }
    mutable std::mutex m;
    mutable std::condition_variable cv;
    bool gate = false;
    mutable bool ended = false, released = false;
    void schedulerEnded() const override {
        if (gate) {
            std::unique_lock<std::mutex> lock(m);
            ended = true;
            cv.notify_all();
            cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return released; });
        }
        ManualClock::schedulerEnded();
    }
};

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

struct Offline {
    TradeClock clock;
    Clock::time_point t0 = clock.now();
    RecordingSink sink{1 << 16, &clock};
    FakeMidiSource player{&clock};
    Transport transport{&clock};
    generate::Progression chords = generate::Progression::parse(kChords);
    midi::Song song;
    explicit Offline(double bpm) {
        generate::Arrangement a;
        a.tempo = bpm;
        a.solo.progression = chords;
        song = a.toSong({true}); // block chords, no band: the solo track empty
        transport.setOutput(Output::given(&sink));
        transport.setInput(Input::given(&player));
    }
    Clock::time_point at(double beat, double bpm) const {
        return t0 + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(beat * 60 / bpm));
    }
};

std::vector<std::string> valuesOf(const compose::TradeResult& r, int bar) {
    for (const auto& b : r.bars)
        if (b.bar == bar)
            return b.values;
    return {};
}

Clock::duration beats(double b) { // at 240 bpm
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(b / 4));
}

// `jazz-studio trade` at 240 bpm over a private JACK server, with this process as the player
// (an output port "scripted player") and the listener (an input port "answer listener").
struct Live {
    JackServer jack;
    QTemporaryDir dir;
    QString take = dir.filePath("take.mid");
    std::unique_ptr<RtMidiSink> player;
    std::unique_ptr<RtMidiSource> listener;
    QProcess process;
    std::vector<StampedMessage> got;

    QString start(const QString& name, const QStringList& extra) {
        QString error;
        if (!jack.start(name + QString::number(QCoreApplication::applicationPid()), 48000, 1024,
                        &error))
            return "JACK cannot run here: " + error;
        try {
            player = RtMidiSink::openVirtual("scripted player", MidiApi::Jack);
            listener = RtMidiSource::openVirtual("answer listener", MidiApi::Jack, 1 << 14);
        } catch (const Error& e) {
            return e.what();
        }
        process.start(
            JAZZ_STUDIO_BIN,
            QStringList{
                "trade",    modelPath,
                "--input",  "scripted player",
                "--output", "answer listener",
                "--api",    "jack",
                "--bars",   "4",
                "--chords", "| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |",
                "--tempo",  "240",
                "--band",   "none",
                "--seed",   "3",
                "--record", take,
                "--json"} +
                extra);
        return {};
    }
    // When the first message (the run's setup, at beat 0) arrived.
    std::optional<Clock::time_point> firstArrival() {
        for (int i = 0; i < 2000; ++i) {
            if (!received().empty())
                return got.front().at;
            if (process.state() == QProcess::NotRunning)
                return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return std::nullopt;
    }
    const std::vector<StampedMessage>& received() {
        const auto more = listener->take();
        got.insert(got.end(), more.begin(), more.end());
        return got;
    }
    QString stderrText() { return QString::fromUtf8(process.readAllStandardError()); }
    static inline QString modelPath;
};

} // namespace

class TestTrade : public QObject {
    Q_OBJECT
    model::TrainedModel model_;
    QTemporaryDir dir_;
    QString modelPath_;

private Q_SLOTS:
    void initTestCase() {
        model_ = smallTrainedModel();
        modelPath_ = dir_.filePath("trade.jzm");
        model::saveModel(model_, modelPath_.toStdString());
        Live::modelPath = modelPath_;
    }

    // The player plays bars 1-2; at their end the model, primed with them, answers bars 3-4 on
    // the downbeat; the take holds both, marked.
    void answersThePlayerOnTheDownbeat() {
        const double bpm = 240; // a beat is 250 ms
        Offline o(bpm);
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        opts.seed = 7;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        QVERIFY(o.clock.advance(0ms));
        // The phrase, 20 ms behind the beat, each note held a little less than an eighth.
        for (const auto& [beat, pitch] : phrase(2).notes) {
            o.player.push({0x90, uint8_t(pitch), 96}, o.at(beat, bpm) + 20ms);
            o.player.push({0x80, uint8_t(pitch), 0}, o.at(beat + 0.45, bpm) + 20ms);
        }
        // Time passes while the session works: 20 ms each time it looks at the clock. The
        // test's own steps land on every sixteenth (the downbeat of bar 3 is one of them).
        o.clock.think = Clock::duration(20ms).count();
        int steps = 0;
        Clock::time_point grid = o.t0;
        while (session.step() && steps < 1000) {
            grid += std::chrono::microseconds(62500); // a sixteenth
            QVERIFY(o.clock.advance(grid - o.clock.real()));
            ++steps;
        }
        o.clock.think = 0;
        const compose::TradeResult& r = session.result();
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(int(r.turns.size()), 2);
        QVERIFY(r.turns[0].player);
        QCOMPARE(r.turns[0].notes, 16);
        QVERIFY(!r.turns[1].player);
        QVERIFY(r.turns[1].notes > 0);
        QVERIFY(r.turns[1].answerMs > 0);
        QCOMPARE(r.turns[1].lateMs, 0.0); // queued before the downbeat, though time passed
        // The player's bars as written: straight eighths on the grid.
        for (int i = 0; i < 16; ++i) {
            QCOMPARE(r.notes[size_t(i)].start, i * 0.5);
            QCOMPARE(r.notes[size_t(i)].duration, 0.5);
        }
        QCOMPARE(int(r.bars.size()), 4);
        QCOMPARE(r.bars[0].origin, compose::BarOrigin::Recorded);
        QCOMPARE(r.bars[2].origin, compose::BarOrigin::Generated);
        QCOMPARE(r.bars[2].seed, generate::Improviser::barSeed(7, 2));
        // Primed with what the player played: an improviser primed with the same values plays
        // the same answer from the same seeds.
        generate::Improviser primed(model_, opts.generate);
        primed.prime(o.chords, 0, {valuesOf(r, 0), valuesOf(r, 1)}, 64);
        std::vector<generate::SoloNote> want;
        for (int b = 2; b < 4; ++b)
            for (auto n : primed.nextBar(o.chords, b, generate::Improviser::barSeed(7, b)).notes) {
                n.start += b * 4;
                want.push_back(n);
            }
        const std::vector<generate::SoloNote> answer(r.notes.begin() + 16, r.notes.end());
        QCOMPARE(answer, want);
        // Out on the solo's channel, each note on its beat (to the next step of the clock), the
        // first within a beat of the downbeat of bar 3 (beat 8).
        std::vector<double> ons;
        for (const auto& e : o.sink.entries())
            if (e.bytes[0] == 0x90 && e.bytes[2] > 0)
                ons.push_back(std::chrono::duration<double>(e.at - o.t0).count() * bpm / 60);
        QCOMPARE(ons.size(), answer.size());
        for (size_t i = 0; i < ons.size(); ++i)
            QVERIFY2(
                ons[i] >= answer[i].start - 1e-9 && ons[i] - answer[i].start < 0.25 + 1e-9,
                qPrintable(
                    QString("note %1 at beat %2, due %3").arg(i).arg(ons[i]).arg(answer[i].start)));
        QVERIFY2(ons.front() < 9, qPrintable(QString("first answer at beat %1").arg(ons.front())));
        // The first one exactly on time (a due time on the test's grid of sixteenths): it was
        // waiting in the engine when its time came.
        if (std::abs(answer.front().start * 4 - std::round(answer.front().start * 4)) < 1e-9)
            QCOMPARE(ons.front(), answer.front().start);

        // The take: both parts on the Solo track, each bar marked with its origin.
        const QString path = dir_.filePath("offline.mid");
        midi::write(compose::takeFile(r, o.song, 0), path.toStdString());
        const midi::File f = midi::read(path.toStdString());
        QStringList markers;
        for (const auto& e : f.tracks.front().events)
            if (e.isMeta() && e.metaType == 0x06)
                markers << QString::fromStdString(std::string(e.payload.begin(), e.payload.end()));
        QCOMPARE(markers, QStringList({"bar 1: recorded", "bar 2: recorded",
                                       QString("bar 3: generated, seed %1").arg(r.bars[2].seed),
                                       QString("bar 4: generated, seed %1").arg(r.bars[3].seed)}));
        const generate::Phrase take = generate::readPhrase(path.toStdString());
        QCOMPARE(take.notes.size(), r.notes.size());
        QCOMPARE(take.values[0], valuesOf(r, 0)); // the phrase reader reads what was recorded

        // The same exchange again: the same answer (the seeds are the take's).
        Offline again(bpm);
        compose::TradeSession second(again.transport, model_, again.chords, again.song, opts);
        QVERIFY(second.start(&error));
        QVERIFY(again.clock.advance(0ms));
        for (const auto& [beat, pitch] : phrase(2).notes) {
            again.player.push({0x90, uint8_t(pitch), 96}, again.at(beat, bpm) + 20ms);
            again.player.push({0x80, uint8_t(pitch), 0}, again.at(beat + 0.45, bpm) + 20ms);
        }
        while (second.step())
            QVERIFY(again.clock.advance(std::chrono::microseconds(62500)));
        QCOMPARE(second.result().notes, r.notes);
    }

    // The model starts: its first turn is queued before the band starts, so it is on time.
    void theModelCanStart() {
        const double bpm = 240;
        Offline o(bpm);
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        opts.playerFirst = false;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        QVERIFY(o.clock.advance(0ms));
        for (const auto& [beat, pitch] : phrase(2).notes) { // the player answers in bars 3-4
            o.player.push({0x90, uint8_t(pitch), 96}, o.at(8 + beat, bpm));
            o.player.push({0x80, uint8_t(pitch), 0}, o.at(8 + beat + 0.5, bpm));
        }
        while (session.step())
            QVERIFY(o.clock.advance(std::chrono::microseconds(62500)));
        const compose::TradeResult& r = session.result();
        QVERIFY2(r.error.empty(), r.error.c_str());
        QVERIFY(!r.turns[0].player);
        QVERIFY(r.turns[0].notes > 0);
        QVERIFY(r.turns[1].player);
        QCOMPARE(r.turns[1].notes, 16);
        QCOMPARE(r.bars[0].origin, compose::BarOrigin::Generated);
        QCOMPARE(r.bars[3].origin, compose::BarOrigin::Recorded);
    }

    // Looped by chorus: the band's next chorus is queued while one plays, turns go on over
    // the chorus line, until stop().
    void loopsByChorusUntilStopped() {
        const double bpm = 240;
        Offline o(bpm); // one 4-bar chorus of block chords
        compose::TradeOptions opts;
        opts.barsPerTurn = 8; // turns longer than the chorus
        opts.endless = true;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        QVERIFY(o.clock.advance(0ms));
        for (int turn = 0; turn < 3; turn += 2) // the player's turns: bars 1-8, 17-24
            for (const auto& [beat, pitch] : phrase(8).notes) {
                o.player.push({0x90, uint8_t(pitch), 96}, o.at(turn * 32 + beat, bpm));
                o.player.push({0x80, uint8_t(pitch), 0}, o.at(turn * 32 + beat + 0.45, bpm));
            }
        // Five choruses and a half of 4 bars (22 bars: 88 beats of 250 ms), then stop.
        for (int i = 0; i < 88 * 4; ++i) {
            QVERIFY(session.step());
            QVERIFY(o.clock.advance(std::chrono::microseconds(62500)));
        }
        QVERIFY(o.transport.isPlaying());
        session.stop();
        const compose::TradeResult& r = session.result();
        QVERIFY2(r.error.empty(), r.error.c_str());
        // Bars 1-8 (player), 9-16 (model), and the player's turn it stopped in: bars 17-22 of
        // it, read up to the stop. What was queued ahead (a chorus and more) is not the take's.
        QCOMPARE(session.closedTurns(), 3);
        QCOMPARE(int(r.turns.size()), 3);
        QCOMPARE(int(r.progression.bars.size()), 22);
        QCOMPARE(r.turns[0].notes, 64);
        QVERIFY(r.turns[1].notes > 0 && r.turns[1].answerMs > 0);
        QCOMPARE(r.turns[2].bars, 6);
        QCOMPARE(r.turns[2].notes, 48);
        QCOMPARE(int(r.bars.size()), 22);
        // The comping played every chorus on its channel: a chord on each bar's downbeat.
        std::set<int> bars;
        for (const auto& e : o.sink.entries())
            if (e.bytes[0] == 0x91 && e.bytes[2] > 0)
                bars.insert(int(std::chrono::duration<double>(e.at - o.t0).count() * bpm / 60 / 4));
        for (int bar = 0; bar < 22; ++bar)
            QVERIFY2(bars.count(bar), qPrintable(QString("no chord in bar %1").arg(bar + 1)));
        // The band as played, for the take: 22 bars of chords, none after the stop.
        int chords = 0;
        for (const auto& t : r.played.tracks) {
            if (t.name == "Comping")
                chords = int(t.notes.size());
            for (const auto& n : t.notes)
                QVERIFY(n.start + n.duration <= 88 + 1e-9);
        }
        QVERIFY(chords >= 22 * 4);
    }

    // Answers played as the band plays: through the performance stage (here swing 2:1, no
    // jitter; dynamics shape the velocities); the take keeps them on the grid.
    void answersSwingWhenPerformed() {
        const double bpm = 120; // a beat is 500 ms
        Offline o(bpm);
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        opts.playerFirst = false;
        opts.seed = 11;
        perform::PerformOptions how;
        how.swing = 2;
        how.humanize = 0;
        opts.performance = how;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        QVERIFY(o.clock.advance(0ms));
        for (int i = 0; i < 8 * 24 && session.step(); ++i) // to bar 3, in 24ths of a beat
            QVERIFY(o.clock.advance(std::chrono::microseconds(500000 / 24)));
        session.stop();
        const compose::TradeResult& r = session.result();
        std::vector<midi::SongNote> written;
        for (const auto& n : r.notes)
            if (n.start < 8)
                written.push_back({n.start, n.duration, n.pitch, n.velocity, 0});
        QVERIFY(!written.empty());
        const auto played = perform::perform(written, bpm, [&] {
            auto h = how;
            h.seed = generate::Improviser::barSeed(11 ^ 0x5eed, 0);
            return h;
        }());
        std::vector<std::pair<double, int>> sent; // beat, velocity
        for (const auto& e : o.sink.entries())
            if (e.bytes[0] == 0x90 && e.bytes[2] > 0)
                sent.push_back(
                    {std::chrono::duration<double>(e.at - o.t0).count() * bpm / 60, e.bytes[2]});
        QCOMPARE(sent.size(), played.size());
        bool shaped = false; // perform changed something (else this test could not tell)
        for (size_t i = 0; i < sent.size(); ++i) {
            QVERIFY2(std::abs(sent[i].first - played[i].start) < 1.0 / 24 + 1e-9,
                     qPrintable(QString("note %1 at %2, played at %3")
                                    .arg(i)
                                    .arg(sent[i].first)
                                    .arg(played[i].start)));
            QCOMPARE(sent[i].second, played[i].velocity);
            shaped = shaped || std::abs(played[i].start - written[i].start) > 1e-6 ||
                     played[i].velocity != written[i].velocity;
        }
        QVERIFY(shaped);
        for (const auto& n : r.notes) // the take on the grid
            QVERIFY(std::abs(n.start * 12 - std::round(n.start * 12)) < 1e-9);
    }

    // Stopped in the middle of a turn (with --choruses 0, Ctrl+C is the only way): the take is
    // what was played up to the stop. The player's phrase so far is read; an answer cut off is
    // cut; the band's choruses queued ahead are not in it.
    void stoppingKeepsWhatWasPlayed_data() {
        QTest::addColumn<double>("stopAt");    // the beat
        QTest::addColumn<int>("turns");        // in the take
        QTest::addColumn<int>("lastBars");     // of its last turn
        QTest::addColumn<int>("playerNotes");  // of the player's turn it stopped in, or -1
        QTest::newRow("in the player's turn") << 22.0 << 3 << 2 << 12;
        QTest::newRow("in the model's answer") << 10.0 << 2 << 1 << -1;
        QTest::newRow("on a bar line") << 20.0 << 3 << 1 << 8;
    }
    void stoppingKeepsWhatWasPlayed() {
        QFETCH(double, stopAt);
        QFETCH(int, turns);
        QFETCH(int, lastBars);
        QFETCH(int, playerNotes);
        const double bpm = 240;
        Offline o(bpm);
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        opts.endless = true;
        opts.seed = 5;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        QVERIFY(o.clock.advance(0ms));
        for (const double from : {0.0, 16.0}) // the player's turns: bars 1-2, 5-6
            for (const auto& [beat, pitch] : phrase(2).notes) {
                o.player.push({0x90, uint8_t(pitch), 96}, o.at(from + beat, bpm));
                o.player.push({0x80, uint8_t(pitch), 0}, o.at(from + beat + 0.45, bpm));
            }
        for (int i = 0; i < int(stopAt * 4); ++i) {
            QVERIFY(session.step());
            QVERIFY(o.clock.advance(std::chrono::microseconds(62500)));
        }
        QVERIFY(o.transport.isPlaying());
        session.stop();
        const compose::TradeResult& r = session.result();
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(int(r.turns.size()), turns);
        QCOMPARE(r.turns.back().bars, lastBars);
        if (playerNotes >= 0) {
            QVERIFY(r.turns.back().player);
            QCOMPARE(r.turns.back().notes, playerNotes);
        }
        const int bars = int(std::ceil(stopAt / 4 - 1e-9));
        QCOMPARE(int(r.progression.bars.size()), bars);
        QCOMPARE(int(r.bars.size()), bars);
        int counted = 0;
        for (const auto& t : r.turns)
            counted += t.notes;
        QCOMPARE(counted, int(r.notes.size()));
        for (const auto& n : r.notes)
            QVERIFY2(n.start < stopAt && n.start + n.duration <= stopAt + 1e-9,
                     qPrintable(QString("a note at %1 in the take").arg(n.start)));
        for (const auto& t : r.played.tracks)
            for (const auto& n : t.notes)
                QVERIFY2(n.start + n.duration <= stopAt + 1e-9,
                         qPrintable(QString("the band's note at %1 in the take").arg(n.start)));
        // The take file holds the same: nothing after the stop.
        const QString path = dir_.filePath("stopped.mid");
        midi::write(compose::takeFile(r, r.played, 0), path.toStdString());
        const generate::Phrase take = generate::readPhrase(path.toStdString());
        QCOMPARE(take.notes.size(), r.notes.size());
    }

    // The output fails mid-trade: the trade ends with its message, never as a clean finish,
    // even when the session looks in the moment the engine stops.
    void aFailingOutputEndsTheTradeWithItsMessage() {
        Offline o(240);
        FailingSink failing(40);
        o.transport.setOutput(Output::given(&failing));
        o.clock.gate = true;
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY2(session.start(&error), error.c_str());
        std::atomic<bool> done{false};
        std::thread driver([&] {
            while (!done)
                o.clock.advance(50ms, 100ms);
        });
        bool ended = false;
        {
            std::unique_lock<std::mutex> lock(o.clock.m);
            ended = o.clock.cv.wait_for(lock, 10s, [&] { return o.clock.ended; });
        }
        const bool stepped = ended && session.step(); // the engine is between stop and end
        {
            std::lock_guard<std::mutex> lock(o.clock.m);
            o.clock.released = true;
            o.clock.cv.notify_all();
        }
        done = true;
        driver.join();
        QVERIFY(ended);
        QVERIFY(!stepped);
        QCOMPARE(QString::fromStdString(session.result().error), QString("the test port went away"));
    }

    // The player's input goes away mid-trade: it stops, with the message, once.
    void aVanishingInputStopsTheTrade() {
        Offline o(240);
        compose::TradeOptions opts;
        opts.barsPerTurn = 2;
        compose::TradeSession session(o.transport, model_, o.chords, o.song, opts);
        std::string error;
        QVERIFY(session.start(&error));
        QVERIFY(o.clock.advance(0ms));
        for (int i = 0; i < 10; ++i) {
            QVERIFY(session.step());
            QVERIFY(o.clock.advance(50ms));
        }
        o.player.disappear("MIDI input 'keys' is gone (device unplugged or program closed)");
        int steps = 0;
        while (session.step() && steps++ < 100)
            QVERIFY(o.clock.advance(10ms));
        QVERIFY(steps < 100);
        QVERIFY(!o.transport.isPlaying());
        QCOMPARE(QString::fromStdString(session.result().error),
                 QString("MIDI input 'keys' is gone (device unplugged or program closed)"));
        QVERIFY(!session.step()); // over: nothing more
    }

    // Bad options are refused before any device opens, each with the reason.
    void badOptionsSayWhy_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        const QStringList ports = {"--input", "keys", "--output", "synth"};
        QTest::newRow("no ports") << QStringList{"--preset", "blues-f"}
                                  << "give --input PORT and --output PORT";
        QTest::newRow("no chords") << ports << "give exactly one of --preset or --chords";
        QTest::newRow("both chords") << ports + QStringList{"--preset", "blues-f", "--chords", "C"}
                                     << "give exactly one of --preset or --chords";
        QTest::newRow("3 bars") << ports + QStringList{"--preset", "blues-f", "--bars", "3"}
                                << "--bars expects 2, 4 or 8 (bars per turn), got 3";
        QTest::newRow("who starts")
            << ports + QStringList{"--preset", "blues-f", "--starts", "band"}
            << "--starts expects 'player' or 'model', got 'band'";
        QTest::newRow("api") << ports + QStringList{"--preset", "blues-f", "--api", "coreaudio"}
                             << "--api expects 'alsa' or 'jack', got 'coreaudio'";
        QTest::newRow("bad chord") << ports + QStringList{"--chords", "| Dm7 | Hmaj7 |"} << "Hmaj7";
    }
    void badOptionsSayWhy() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        QProcess p;
        p.start(JAZZ_STUDIO_BIN, QStringList{"trade", modelPath_, "--band", "none"} + options);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.startsWith("jazz-studio trade: ") && err.contains(message), qPrintable(err));
    }

    // `bench trade` times answers against the one-beat budget and prints its figures.
    void benchTradePrintsAnswerLatency() {
        QProcess p;
        p.start(JAZZ_STUDIO_BIN,
                {"bench", "trade", "--model", modelPath_, "--answers", "20", "--json"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QVERIFY(o["answers"].toInt() >= 20);
        QVERIFY(o["answer_ms_p50"].toDouble() > 0);
        QVERIFY(o["answer_ms_p99"].toDouble() >= o["answer_ms_p50"].toDouble());
        QVERIFY(o["answer_ms_max"].toDouble() >= o["answer_ms_p99"].toDouble());
        QCOMPARE(o["budget_ms"].toDouble(), 250.0);
        qInfo("answer latency p50 %.2f ms, p99 %.2f ms", o["answer_ms_p50"].toDouble(),
              o["answer_ms_p99"].toDouble());
    }

    // The command line over a private JACK server: a scripted player sends a 4-bar phrase to the
    // studio's input; the answer arrives on its output in the next 4 bars, from the downbeat;
    // the recorded take holds both.
    void tradesOverAJackLoopback() {
        Live live;
        // On the grid (no swing, no human jitter): the answer's timing is then exact to check.
        if (const QString why = live.start("jazztrade", {"--choruses", "1", "--quantized"});
            !why.isEmpty())
            QSKIP(qPrintable(why));
        // Bar 1 starts after a bar of count-in: beat 4, at 240 bpm 1 s after the first message.
        const auto t0 = live.firstArrival();
        QVERIFY2(t0, qPrintable(live.stderrText()));
        std::thread player([&] {
            for (const auto& [beat, pitch] : phrase(4).notes) {
                const uint8_t on[3] = {0x90, uint8_t(pitch), 96},
                              off[3] = {0x80, uint8_t(pitch), 0};
                std::this_thread::sleep_until(*t0 + beats(4 + beat));
                live.player->send(on, 3);
                std::this_thread::sleep_until(*t0 + beats(4 + beat + 0.45));
                live.player->send(off, 3);
            }
        });
        const bool finished = live.process.waitForFinished(60000);
        player.join();
        QVERIFY2(finished, "trade did not finish");
        const QByteArray errText = live.process.readAllStandardError();
        QVERIFY2(live.process.exitCode() == 0, errText.constData());
        const QJsonObject summary =
            QJsonDocument::fromJson(
                live.process.readAllStandardOutput().trimmed().split('\n').last())
                .object();
        const QJsonArray turns = summary["turns"].toArray();
        QCOMPARE(turns.size(), 2);
        QCOMPARE(turns[0].toObject()["by"].toString(), QString("player"));
        QCOMPARE(turns[0].toObject()["notes"].toInt(), 32);
        QCOMPARE(turns[1].toObject()["by"].toString(), QString("model"));
        const int answerNotes = turns[1].toObject()["notes"].toInt();
        QVERIFY(answerNotes > 0);
        qInfo("answer ready in %.1f ms (%.1f ms after its downbeat)",
              turns[1].toObject()["answer_ms"].toDouble(),
              turns[1].toObject()["late_ms"].toDouble());
        // The answer on the output port: the solo's channel, in bars 5-8 (beats 20-36 of the
        // run), its first note within a beat of the downbeat.
        std::vector<double> answer; // beats of the run
        for (const auto& m : live.received())
            if (m.isNoteOn() && (m.bytes[0] & 0x0F) == 0)
                answer.push_back(std::chrono::duration<double>(m.at - *t0).count() * 4);
        QCOMPARE(int(answer.size()), answerNotes);
        QVERIFY2(answer.front() >= 20 - 0.25 && answer.front() < 21,
                 qPrintable(QString("the answer's first note at beat %1").arg(answer.front())));
        QVERIFY2(answer.back() < 36 + 0.25,
                 qPrintable(QString("the answer's last note at beat %1").arg(answer.back())));
        // The take: the player's phrase in bars 1-4, the answer in bars 5-8, each bar marked.
        const generate::Phrase take = generate::readPhrase(live.take.toStdString());
        QCOMPARE(int(take.notes.size()), 32 + answerNotes);
        const auto line = phrase(4).notes;
        for (size_t i = 0; i < line.size(); ++i) {
            QCOMPARE(take.notes[i].start, line[i].first);
            QCOMPARE(take.notes[i].pitch, line[i].second);
        }
        QVERIFY(take.notes[32].start >= 16);
        // The answer was waiting in the engine: its first note went out on its beat (the run's
        // beat: the take's plus the bar of count-in), to within a few ms. Both ends place and
        // stamp messages on their frame in JACK's period, so the period does not blur it.
        const double due = take.notes[32].start + 4;
        qInfo("the answer's first note %.2f ms from its due time", (answer.front() - due) * 250);
        QVERIFY2(std::abs(answer.front() - due) < 0.02, // 5 ms at 240 bpm
                 qPrintable(QString("the answer's first note at beat %1, due %2")
                                .arg(answer.front())
                                .arg(due)));
        const midi::File f = midi::read(live.take.toStdString());
        int recorded = 0, generated = 0;
        for (const auto& e : f.tracks.front().events)
            if (e.isMeta() && e.metaType == 0x06) {
                const std::string text(e.payload.begin(), e.payload.end());
                recorded += text.find("recorded") != std::string::npos;
                generated += text.find("generated") != std::string::npos;
            }
        QCOMPARE(recorded, 4);
        QCOMPARE(generated, 4);
    }

    // The player's port goes away mid-trade: the command stops with one message and a non-zero
    // exit status.
    void aPulledInputStopsTheCommandWithOneMessage() {
        Live live;
        if (const QString why = live.start("jazzpulltrade", {"--choruses", "2"}); !why.isEmpty())
            QSKIP(qPrintable(why));
        const auto t0 = live.firstArrival();
        QVERIFY2(t0, qPrintable(live.stderrText()));
        std::this_thread::sleep_until(*t0 + beats(8)); // in the player's first turn
        live.player.reset();
        QVERIFY2(live.process.waitForFinished(20000), "trade did not stop");
        QVERIFY(live.process.exitCode() != 0);
        QStringList messages;
        for (const QByteArray& line : live.process.readAllStandardError().split('\n'))
            if (line.startsWith("jazz-studio trade:"))
                messages << QString::fromUtf8(line);
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages[0].contains("scripted player") &&
                     (messages[0].contains("is gone") || messages[0].contains("disconnected")),
                 qPrintable(messages[0]));
    }
};

QTEST_GUILESS_MAIN(TestTrade)
#include "test_trade.moc"
