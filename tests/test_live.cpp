// Playing with the studio live, through real widgets under QT_QPA_PLATFORM=offscreen: Record a
// phrase over the band into the take's bars (quantized, one undo step, "continue my idea"), and
// Trade bars with the model into a new take. Deterministic: the window is given a transport with
// a recording sink and a manual clock, and a FakeMidiSource plays the player's part, each
// message stamped on the beat it is meant for (with human timing).
#include "SmallModel.h"
#include "BarRuler.h"
#include "ChordChartEdit.h"
#include "ComposePanel.h"
#include "ElidedLabel.h"
#include "LivePanel.h"
#include "MainWindow.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "TransportBar.h"
#include "compose/Recording.h"
#include "dataset/Dataset.h"
#include "generate/Improviser.h"
#include "model/Trainer.h"
#include "playback/MidiSource.h"
#include "playback/Transport.h"
#include "session/Session.h"
#include "studio/GenerationJob.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace jazz;
using namespace jazz::playback;
using namespace std::chrono_literals;
using generate::BarOrigin;
using generate::Progression;
using generate::Solo;
using generate::SoloNote;

namespace {

// The studio with a transport of the test's: a manual clock, a recording sink, a fake player.
struct Rig {
    ManualClock clock;
    RecordingSink sink{1 << 16, &clock};
    FakeMidiSource player{&clock};
    std::shared_ptr<Transport> transport = std::make_shared<Transport>(&clock);
    std::unique_ptr<ui::MainWindow> window;
    Rig() {
        transport->setOutput(Output::given(&sink));
        window = std::make_unique<ui::MainWindow>(transport);
        window->livePanel()->addSource("Test player", &player);
    }
    ~Rig() { window.reset(); } // before the clock, sink and player it uses
    ui::LivePanel* live() const { return window->livePanel(); }
    // A note played from `on` to `off` (beats of the playing song, as the transport places them).
    void play(int pitch, double on, double off) {
        player.push({0x90, uint8_t(pitch), 96}, transport->timeAt(on));
        player.push({0x80, uint8_t(pitch), 0}, transport->timeAt(off));
    }
    bool advanceToBeat(double beat) { return clock.advanceTo(transport->timeAt(beat)); }
    // Moves the clock a sixteenth at a time, letting the trade's worker look after each move,
    // until the trade is over.
    // (Generous limits: a loaded 2-core machine may hold a thread back for seconds; a failure
    // says which wait ran out.)
    bool tradeThrough(int maxSixteenths) {
        const int limit = 60000;
        if (!QTest::qWaitFor([&] { return live()->tradeSteps() >= 1 || !live()->isTrading(); },
                             limit)) {
            qWarning("the trade never started stepping");
            return false;
        }
        for (int i = 0; i < maxSixteenths && live()->isTrading(); ++i) {
            const double beat = transport->beatAt(clock.now());
            if (!clock.advanceTo(transport->timeAt(std::floor(beat * 4 + 1e-6) / 4 + 0.25),
                                 std::chrono::milliseconds(limit))) {
                if (transport->isPlaying()) {
                    qWarning("the scheduler did not settle at beat %g", beat);
                    return false;
                }
                break; // the end of the form: the session ends on its own
            }
            const long s = live()->tradeSteps();
            if (!QTest::qWaitFor(
                    [&] { return live()->tradeSteps() >= s + 2 || !live()->isTrading(); }, limit)) {
                qWarning("the trade's worker stopped stepping at beat %g (%ld steps)", beat, s);
                return false;
            }
        }
        if (!QTest::qWaitFor([&] { return !live()->isTrading(); }, limit)) {
            qWarning("the trade did not end");
            return false;
        }
        return true;
    }
};

const Solo& solo(ui::MainWindow& w) {
    return w.document()->take(w.document()->currentTake()).arrangement.solo;
}

std::vector<SoloNote> barsNotes(const Solo& s, int from, int to) { // bars [from, to)
    std::vector<SoloNote> v;
    for (const auto& n : s.notes)
        if (s.barOf(n) >= from && s.barOf(n) < to)
            v.push_back(n);
    return v;
}

} // namespace

class TestLive : public QObject {
    Q_OBJECT
    std::shared_ptr<const model::TrainedModel> model_;

    // The model, the F blues and one 12-bar take.
    void studio(ui::MainWindow& w, bool withTake = true) {
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setModel(model_, QString());
        w.progressionPanel()->editor()->setText(
            QString::fromStdString(Progression::presetText("blues-f")));
        if (!withTake)
            return;
        QString error;
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        QCOMPARE(solo(w).progression.bars.size(), size_t(12));
        w.pianoRoll()->setPixelsPerBeat(12);
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("JazzStudioTests");
        QCoreApplication::setApplicationName("test_live");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        model_ = std::make_shared<model::TrainedModel>(smallTrainedModel());
    }

    // The core of it: a phrase replaces only its bars (a note sounding into them is cut at the
    // line), and a trade cut short keeps the bars it closed.
    void recordingIntoATake() {
        Solo take;
        take.progression = Progression::parse("| C | F | G | C |");
        take.notes = {{0, 1, 60, 90}, {3, 3, 64, 90}, {8, 1, 67, 90}, {12, 2, 72, 90}};
        take.fitBars();
        take.bars[2].locked = true;
        const Solo after = compose::withRecording(
            take, {{4, 0.5, 65, 96}, {4.5, 0.5, 69, 96}, {9, 1, 71, 96}, {13, 1, 50, 96}}, 1, 2);
        QCOMPARE(after.notes, (std::vector<SoloNote>{{0, 1, 60, 90},
                                                     {3, 1, 64, 90},
                                                     {4, 0.5, 65, 96},
                                                     {4.5, 0.5, 69, 96},
                                                     {9, 1, 71, 96},
                                                     {12, 2, 72, 90}}));
        QCOMPARE(after.bars[0], take.bars[0]);
        QCOMPARE(after.bars[3], take.bars[3]);
        QCOMPARE(after.bars[1].origin, BarOrigin::Recorded);
        QCOMPARE(after.bars[2].origin, BarOrigin::Recorded);
        QVERIFY(after.bars[2].locked); // the lock is the user's, kept
        QCOMPARE(after.bars[1].values, generate::encodeBar(after.progression, after.notes, 1));
        const Solo head = compose::firstBars(take, 1);
        QCOMPARE(head.progression.bars.size(), size_t(1));
        QCOMPARE(head.notes, (std::vector<SoloNote>{{0, 1, 60, 90}, {3, 1, 64, 90}}));
        QCOMPARE(head.bars.size(), size_t(1));

        compose::TradeResult r;
        r.progression = take.progression;
        r.notes = {{0, 1, 60, 96}, {4, 1, 62, 90}, {8, 1, 64, 90}};
        r.bars = {{0, compose::BarOrigin::Recorded, 0, {"C,1.000"}, 1},
                  {1, compose::BarOrigin::Generated, 77, {"C,1.000", "R,3.000"}, 1}};
        const Solo traded = compose::tradeSolo(r);
        QCOMPARE(traded.progression.bars.size(), size_t(2));
        QCOMPARE(traded.notes.size(), size_t(2));
        QCOMPARE(traded.bars[0].origin, BarOrigin::Recorded);
        QCOMPARE(traded.bars[1].origin, BarOrigin::Generated);
        QCOMPARE(traded.bars[1].seed, 77u);
        QCOMPARE(traded.bars[1].values, (std::vector<std::string>{"C,1.000", "R,3.000"}));
    }

    // The input list: the test's player beside the ports; without a MIDI system (a headless
    // machine) one message says so and recording from the player still works.
    void inputsListed() {
        Rig rig;
        ui::LivePanel* live = rig.live();
        QCOMPARE(live->inputs()->currentText(), QString("Test player"));
        std::string error;
        (void)Transport::inputPorts(MidiApi::Default, &error);
        if (!error.empty()) {
            QVERIFY2(live->status().contains("No MIDI input here"), qPrintable(live->status()));
            live->refreshInputs(); // again: the same one message, the player still listed
            QCOMPARE(live->inputs()->count(), 1);
            QCOMPARE(live->inputs()->currentText(), QString("Test player"));
        }
        QVERIFY(live->recordButton()->isEnabled());
        QVERIFY(!live->continueIdeaButton()->isEnabled()); // nothing recorded yet
    }

    // Bars 5-6 played with human timing and a triplet: they hold the phrase on the grid, marked
    // recorded; every other bar keeps its notes and records; one undo step restores the take
    // exactly, redo brings the phrase back; "continue my idea" improvises bars 7-12 primed by it.
    void recordQuantizeUndoContinue() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w);
        const Solo before = solo(w);
        const int undoBefore = w.undoStack()->count();
        w.pianoRoll()->ruler()->setSelection(4, 4); // from bar 5
        QSignalSpy recorded(rig.live(), &ui::LivePanel::recorded);
        QTest::mouseClick(rig.live()->recordButton(), Qt::LeftButton);
        QVERIFY(rig.live()->isRecording());
        QVERIFY(rig.transport->isPlaying());
        QVERIFY(!w.transport()->isEnabled()); // one user of the transport at a time
        QVERIFY(rig.clock.advance(0ms));
        // Bar 5 of the take is beat 20 of the song (a bar of count-in, bar 4 as the lead-in).
        const double o = 20;
        QCOMPARE(rig.transport->position(), 16.0);
        rig.play(62, o + 0.02, o + 0.45); // eighths, a little late
        rig.play(64, o + 0.53, o + 0.95);
        rig.play(65, o + 0.97, o + 1.9); // a quarter, a little early
        rig.play(67, o + 2.01, o + 2.3); // an eighth-note triplet
        rig.play(69, o + 2.35, o + 2.62);
        rig.play(70, o + 2.68, o + 2.95);
        rig.play(72, o + 3.02, o + 4.4);  // held over the bar line: cut there
        rig.play(69, o + 4.52, o + 4.95); // bar 6
        rig.play(67, o + 5.01, o + 6.9);
        QVERIFY(rig.advanceToBeat(o + 8.5)); // into bar 7, nothing played there
        rig.live()->pollRecording();
        QVERIFY(std::abs(w.pianoRoll()->playhead() - (16 + 8.5)) < 1e-6); // take beats
        QTest::mouseClick(rig.live()->recordButton(), Qt::LeftButton);    // Stop
        QVERIFY(!rig.live()->isRecording());
        QVERIFY(!rig.transport->isPlaying());
        QVERIFY(w.transport()->isEnabled());
        QCOMPARE(recorded.count(), 1);
        QVERIFY(recorded.first().first().toBool());

        const Solo after = solo(w);
        const double b = 16; // bar 5 in take beats
        const std::vector<SoloNote> want = {{b + 0, 0.5, 62, 96},
                                            {b + 0.5, 0.5, 64, 96},
                                            {b + 1, 1, 65, 96},
                                            {b + 2, 1.0 / 3, 67, 96},
                                            {b + 2 + 1.0 / 3, 1.0 / 3, 69, 96},
                                            {b + 2 + 2.0 / 3, 1.0 / 3, 70, 96},
                                            {b + 3, 1, 72, 96},
                                            {b + 4.5, 0.5, 69, 96},
                                            {b + 5, 2, 67, 96}};
        const auto got = barsNotes(after, 4, 6);
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            QVERIFY2(std::abs(got[i].start - want[i].start) < 1e-6 &&
                         std::abs(got[i].duration - want[i].duration) < 1e-6 &&
                         got[i].pitch == want[i].pitch,
                     qPrintable(QString("note %1: %2+%3 p%4, want %5+%6 p%7")
                                    .arg(i)
                                    .arg(got[i].start)
                                    .arg(got[i].duration)
                                    .arg(got[i].pitch)
                                    .arg(want[i].start)
                                    .arg(want[i].duration)
                                    .arg(want[i].pitch)));
        }
        for (int bar : {4, 5}) {
            const auto& rec = after.bars[size_t(bar)];
            QCOMPARE(rec.origin, BarOrigin::Recorded);
            QCOMPARE(rec.values, generate::encodeBar(after.progression, after.notes, bar));
            QVERIFY(!rec.values.empty());
        }
        // Every other bar as it was (a note of bar 4 sounding into bar 5 is cut at the line).
        QCOMPARE(barsNotes(after, 6, 12), barsNotes(before, 6, 12));
        const auto early = barsNotes(before, 0, 4), earlyAfter = barsNotes(after, 0, 4);
        QCOMPARE(earlyAfter.size(), early.size());
        for (size_t i = 0; i < early.size(); ++i) {
            QCOMPARE(earlyAfter[i].start, early[i].start);
            QCOMPARE(earlyAfter[i].pitch, early[i].pitch);
            QVERIFY(earlyAfter[i].start + earlyAfter[i].duration <= b + 1e-9);
        }
        for (int bar = 0; bar < 12; ++bar)
            if (bar != 4 && bar != 5)
                QCOMPARE(after.bars[size_t(bar)], before.bars[size_t(bar)]);
        // In the piano roll: every note, the recorded ones where they were played.
        QCOMPARE(w.pianoRoll()->noteCount(), int(after.notes.size()));
        ui::PianoRoll* roll = w.pianoRoll();
        auto indexOf = [&](const SoloNote& n) {
            return int(std::find(after.notes.begin(), after.notes.end(), n) - after.notes.begin());
        };
        roll->selectNote(indexOf(got.front())); // scrolls the phrase into view
        int clicked = 0;
        for (auto it = got.rbegin(); it != got.rend(); ++it) {
            const QRect r = roll->noteRect(*it).toRect();
            if (!roll->viewport()->rect().adjusted(0, ui::PianoRoll::kChordLane, 0, 0).contains(r))
                continue;
            QTest::mouseClick(roll->viewport(), Qt::LeftButton, {}, r.topLeft() + QPoint(1, 4));
            QCOMPARE(roll->selectedNotes(), std::set<int>({indexOf(*it)}));
            ++clicked;
        }
        QVERIFY2(clicked >= 4, qPrintable(QString::number(clicked)));
        // One undo step: the take exactly as before; redo: the phrase again.
        QCOMPARE(w.undoStack()->count(), undoBefore + 1);
        QCOMPARE(w.undoStack()->undoText(), QString("Record bars 5-6"));
        w.undoStack()->undo();
        QCOMPARE(solo(w).notes, before.notes);
        QCOMPARE(solo(w).bars, before.bars);
        w.undoStack()->redo();
        QCOMPARE(solo(w).notes, after.notes);
        QCOMPARE(solo(w).bars, after.bars);

        // Continue my idea: bars 1-6 kept, 7-12 improvised by the model primed with them.
        QVERIFY(rig.live()->continueIdeaButton()->isEnabled());
        const uint32_t seed = uint32_t(w.composePanel()->seed()->value());
        QSignalSpy done(w.composePanel(), &ui::ComposePanel::finished);
        QTest::mouseClick(rig.live()->continueIdeaButton(), Qt::LeftButton);
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().first().toBool());
        const Solo continued = solo(w);
        QCOMPARE(continued.progression.bars.size(), size_t(12));
        QCOMPARE(barsNotes(continued, 0, 6), barsNotes(after, 0, 6));
        for (int bar = 0; bar < 6; ++bar)
            QCOMPARE(continued.bars[size_t(bar)], after.bars[size_t(bar)]);
        for (int bar = 6; bar < 12; ++bar) {
            QCOMPARE(continued.bars[size_t(bar)].origin, BarOrigin::Generated);
            QCOMPARE(continued.bars[size_t(bar)].seed, generate::Improviser::barSeed(seed, bar));
        }
        QVERIFY(!barsNotes(continued, 6, 12).empty());
        // Primed by the phrase: the same continuation from the first six bars as they are.
        studio::GenerationPlan plan;
        plan.kind = studio::GenerationKind::Continue;
        plan.take = compose::firstBars(after, 6);
        plan.progression = studio::continuationChords(Progression::preset("blues-f"), 6, 6);
        plan.options.seed = seed;
        plan.options.sampling.temperature = w.document()->take(0).temperature;
        const Solo direct = studio::runGeneration(*model_, plan);
        QCOMPARE(continued.notes, direct.notes);
        // ... which differs from continuing the bars as they were before the recording.
        plan.take = compose::firstBars(before, 6);
        QVERIFY(studio::runGeneration(*model_, plan).notes != continued.notes);
        w.undoStack()->undo();
        QCOMPARE(solo(w).notes, after.notes);
    }

    // With no take, a phrase makes one over the chart's chords: bar 1 recorded, the rest empty.
    void recordOnNoTakeMakesOne() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w, false);
        QCOMPARE(w.document()->takeCount(), 0);
        w.findChild<QAction*>("recordAction")->trigger(); // Ctrl+Alt+R records
        QVERIFY(rig.live()->isRecording());
        QCOMPARE(w.document()->takeCount(), 1);
        QVERIFY(rig.clock.advance(0ms));
        QCOMPARE(rig.transport->position(), 0.0); // the count-in
        rig.play(65, 4.0, 4.9);
        rig.play(69, 5.0, 5.45);
        rig.play(72, 5.5, 7.9);
        QVERIFY(rig.advanceToBeat(8.25));
        w.findChild<QAction*>("stopAction")->trigger(); // Ctrl+. ends the recording
        QVERIFY(!rig.live()->isRecording());
        const Solo& s = solo(w);
        QCOMPARE(s.progression.bars.size(), size_t(12));
        QCOMPARE(s.notes,
                 (std::vector<SoloNote>{{0, 1, 65, 96}, {1, 0.5, 69, 96}, {1.5, 2.5, 72, 96}}));
        QCOMPARE(s.bars[0].origin, BarOrigin::Recorded);
        QCOMPARE(s.bars[1].origin, BarOrigin::Unknown);
        QCOMPARE(w.undoStack()->count(), 1);
    }

    // The input goes away mid-phrase: one message, on the transport's line; what was played
    // before it is kept.
    void inputLostWhileRecording() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w);
        QSignalSpy transportErrors(w.transport(), &ui::TransportBar::errorOccurred);
        QSignalSpy liveErrors(rig.live(), &ui::LivePanel::errorOccurred);
        QString error;
        QVERIFY2(rig.live()->startRecording(&error), qPrintable(error));
        QVERIFY(rig.clock.advance(0ms));
        rig.play(65, 4.0, 4.9);
        QVERIFY(rig.advanceToBeat(5.5));
        rig.player.disappear("the keyboard 'Test player' was unplugged");
        for (int i = 0; i < 20 && rig.live()->isRecording(); ++i)
            rig.live()->pollRecording();
        QVERIFY(!rig.live()->isRecording());
        QCoreApplication::processEvents();
        QCOMPARE(transportErrors.count(), 1);
        QCOMPARE(liveErrors.count(), 0);
        QCOMPARE(w.transport()->message()->text(),
                 QString("the keyboard 'Test player' was unplugged"));
        QCOMPARE(w.lastError(), QString("the keyboard 'Test player' was unplugged"));
        QCOMPARE(barsNotes(solo(w), 0, 1), (std::vector<SoloNote>{{0, 1, 65, 96}}));
        QCOMPARE(solo(w).bars[0].origin, BarOrigin::Recorded);
    }

    // Trading fours over an 8-bar chart, the player first: bars 1-4 are what the player played
    // (recorded), bars 5-8 the model's answer (generated, with their seeds); a new take that is
    // saved with the session and read back the same.
    void tradeFoursMakesATake() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w, false);
        w.progressionPanel()->editor()->setText(
            "| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |");
        ui::LivePanel* live = rig.live();
        live->tradeBars()->setCurrentIndex(live->tradeBars()->findData(4));
        live->starts()->setCurrentIndex(0);
        QVERIFY(!live->loop()->isChecked());
        w.transport()->findChild<QSpinBox*>()->setValue(200); // the transport's tempo
        const uint32_t seed = uint32_t(w.composePanel()->seed()->value());
        QSignalSpy traded(live, &ui::LivePanel::traded);
        QTest::mouseClick(live->tradeButton(), Qt::LeftButton);
        QVERIFY(live->isTrading());
        QVERIFY(QTest::qWaitFor([&] { return live->tradeSteps() >= 1; }, 20000));
        QVERIFY(rig.clock.advance(0ms)); // the run has begun: beats map to times
        QVERIFY(rig.transport->isPlaying());
        const double o = 4; // after the count-in
        const int line[] = {62, 64, 65, 67, 69, 67, 65, 64};
        for (int i = 0; i < 32; ++i) // eighths, 15 ms late, over bars 1-4
            rig.player.push({0x90, uint8_t(line[i % 8]), 96},
                            rig.transport->timeAt(o + i * 0.5) + 15ms);
        for (int i = 0; i < 32; ++i)
            rig.player.push({0x80, uint8_t(line[i % 8]), 0},
                            rig.transport->timeAt(o + i * 0.5 + 0.45) + 15ms);
        QVERIFY(rig.tradeThrough(400));
        QCOMPARE(traded.count(), 1);
        QVERIFY(traded.first().first().toBool());
        QVERIFY(w.transport()->isEnabled());
        QCOMPARE(w.document()->takeCount(), 1);
        const Solo& s = solo(w);
        QCOMPARE(s.progression.bars.size(), size_t(8));
        QCOMPARE(w.document()->take(0).arrangement.tempo, 200.0);
        QCOMPARE(rig.transport->song().bpm, 200.0);
        const auto mine = barsNotes(s, 0, 4);
        QCOMPARE(mine.size(), size_t(32));
        for (int i = 0; i < 32; ++i) {
            QCOMPARE(mine[size_t(i)].start, i * 0.5);
            QCOMPARE(mine[size_t(i)].pitch, line[i % 8]);
        }
        QVERIFY(!barsNotes(s, 4, 8).empty());
        for (int bar = 0; bar < 4; ++bar)
            QCOMPARE(s.bars[size_t(bar)].origin, BarOrigin::Recorded);
        for (int bar = 4; bar < 8; ++bar) {
            QCOMPARE(s.bars[size_t(bar)].origin, BarOrigin::Generated);
            QCOMPARE(s.bars[size_t(bar)].seed, generate::Improviser::barSeed(seed, bar));
        }
        // The answer went out on the solo's channel after bar 4.
        int answered = 0;
        for (const auto& e : rig.sink.entries())
            answered += e.bytes[0] == 0x90 && e.bytes[2] > 0 &&
                        rig.transport->beatAt(e.at) >= o + 16 - 1e-6;
        QVERIFY(answered >= int(barsNotes(s, 4, 8).size()));

        // Saved with the session and read back.
        QTemporaryDir dir;
        const QString path = dir.filePath("trade.jazz");
        QVERIFY(w.saveSessionTo(path));
        const session::Session back = session::loadSession(path.toStdString());
        QCOMPARE(back.takes.size(), size_t(1));
        QCOMPARE(back.takes[0].arrangement.solo.bars, s.bars);
        QCOMPARE(back.takes[0].arrangement.solo.notes.size(), s.notes.size());
    }

    // Looped by chorus: the model starts, twos over a 4-bar chart round and round until Stop;
    // the take holds the turns closed by then, alternating, over the choruses played.
    void tradeLoopsUntilStopped() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w, false);
        w.progressionPanel()->editor()->setText("| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |");
        ui::LivePanel* live = rig.live();
        live->tradeBars()->setCurrentIndex(live->tradeBars()->findData(2));
        live->starts()->setCurrentIndex(1);
        live->loop()->setChecked(true);
        QVERIFY(!live->choruses()->isEnabled());
        QString error;
        QVERIFY2(live->startTrade(&error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return live->tradeSteps() >= 1; }, 20000));
        QVERIFY(rig.clock.advance(0ms));
        for (int bar = 2; bar < 14; bar += 4) // the player's turns: bars 3-4, 7-8, 11-12
            for (int i = 0; i < 8; ++i) {
                const double on = 4 + bar * 4 + i;
                rig.play(60 + i, on, on + 0.9);
            }
        // Three and a half choruses (56 beats after the count-in), then Stop.
        for (int i = 0; i < (4 + 56) * 4; ++i) {
            const double beat = rig.transport->beatAt(rig.clock.now());
            QVERIFY(
                rig.clock.advanceTo(rig.transport->timeAt(std::floor(beat * 4 + 1e-6) / 4 + 0.25)));
            const long s = live->tradeSteps();
            QVERIFY(QTest::qWaitFor([&] { return live->tradeSteps() >= s + 2; }, 20000));
            if (i == 100) // a take generated meanwhile does not stop the trade
                QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        }
        QVERIFY(live->isTrading());
        QTest::mouseClick(live->tradeButton(), Qt::LeftButton); // Stop
        QVERIFY(QTest::qWaitFor([&] { return !live->isTrading(); }, 20000));
        QCOMPARE(w.document()->takeCount(), 2);
        QCOMPARE(w.document()->currentTake(), 1); // the trade's
        const Solo& s = solo(w);
        QCOMPARE(s.progression.bars.size(), size_t(14)); // turns 1-7 closed; 8 cut by Stop
        for (int bar = 0; bar < 14; ++bar)
            QCOMPARE(s.bars[size_t(bar)].origin,
                     (bar / 2) % 2 == 0 ? BarOrigin::Generated : BarOrigin::Recorded);
        QCOMPARE(barsNotes(s, 10, 12).size(), size_t(8)); // the third chorus's player bars
        QCOMPARE(s.progression.bars[12].size(), s.progression.bars[0].size()); // the chart again
    }

    // The input goes away mid-trade: it stops with one message on the transport's line (no
    // dialog), and what was traded until then becomes a take.
    void inputLostWhileTrading() {
        Rig rig;
        ui::MainWindow& w = *rig.window;
        studio(w, false);
        w.progressionPanel()->editor()->setText("| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |");
        ui::LivePanel* live = rig.live();
        live->tradeBars()->setCurrentIndex(live->tradeBars()->findData(2));
        live->starts()->setCurrentIndex(1); // the model starts
        QSignalSpy failed(live, &ui::LivePanel::deviceFailed);
        QSignalSpy refused(live, &ui::LivePanel::errorOccurred);
        QSignalSpy transportErrors(w.transport(), &ui::TransportBar::errorOccurred);
        QString error;
        QVERIFY2(live->startTrade(&error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return live->tradeSteps() >= 1; }, 20000));
        QVERIFY(rig.advanceToBeat(4 + 9)); // into bar 3, the player's turn
        rig.player.disappear("the keyboard 'Test player' was unplugged");
        QVERIFY(rig.tradeThrough(400));
        QCoreApplication::processEvents();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(refused.count(), 0);
        QCOMPARE(transportErrors.count(), 0); // not reported twice
        QCOMPARE(w.transport()->message()->text(),
                 QString("the keyboard 'Test player' was unplugged"));
        QCOMPARE(w.lastError(), QString("the keyboard 'Test player' was unplugged"));
        QVERIFY(!rig.transport->isPlaying());
        QCOMPARE(w.document()->takeCount(), 1); // the model's two bars
        QCOMPARE(solo(w).bars[0].origin, BarOrigin::Generated);
        // The transport bar reports on its own again afterwards.
        QVERIFY(w.transport()->isEnabled());
    }
};

QTEST_MAIN(TestLive)
#include "test_live.moc"
