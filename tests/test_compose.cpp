// Composing with the model: per-bar take records, the generation job (fresh, regenerate with
// lead-in and locked bars, continue), session format 3, and the studio's bar ruler, Regenerate,
// Ctrl+R, Lock and Continue driven through real widgets.
#include "SmallModel.h"
#include "BarRuler.h"
#include "ChordChartEdit.h"
#include "ComposePanel.h"
#include "MainWindow.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "corpus/TextCorpus.h"
#include "dataset/Dataset.h"
#include "generate/Improviser.h"
#include "grammar/Encoder.h"
#include "model/Trainer.h"
#include "session/Session.h"
#include "studio/GenerationJob.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace jazz;
using generate::BarOrigin;
using generate::Progression;
using generate::Solo;
using generate::SoloNote;

namespace {

std::vector<SoloNote> barNotes(const Solo& s, int bar) {
    std::vector<SoloNote> v;
    for (const auto& n : s.notes)
        if (s.barOf(n) == bar)
            v.push_back(n);
    return v;
}

std::vector<SoloNote> barsNotes(const Solo& s, int from, int to) { // [from, to)
    std::vector<SoloNote> v;
    for (int b = from; b < to; ++b) {
        const auto n = barNotes(s, b);
        v.insert(v.end(), n.begin(), n.end());
    }
    return v;
}

// The interval from the last note of bar `bar` to the first note of bar `bar`+1.
int intervalInto(const Solo& s, int bar) {
    const auto a = barNotes(s, bar), b = barNotes(s, bar + 1);
    if (a.empty() || b.empty())
        return -1;
    const SoloNote* last = &a.front();
    for (const auto& n : a)
        if (n.start >= last->start)
            last = &n;
    const SoloNote* first = &b.front();
    for (const auto& n : b)
        if (n.start < first->start)
            first = &n;
    return std::abs(last->pitch - first->pitch);
}

// A press, a move with the button held and a release, as a mouse drag sends them.
void drag(QWidget* w, QPointF from, QPointF to) {
    QTest::mousePress(w, Qt::LeftButton, {}, from.toPoint());
    QMouseEvent move(QEvent::MouseMove, to, w->mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(w, &move);
    QTest::mouseRelease(w, Qt::LeftButton, {}, to.toPoint());
}

} // namespace

class TestCompose : public QObject {
    Q_OBJECT
    std::shared_ptr<const model::TrainedModel> model_;
    Progression blues_ = Progression::preset("blues-f");

    generate::GenerateOptions options(uint32_t seed) const {
        generate::GenerateOptions o;
        o.seed = seed;
        return o;
    }
    Solo take(uint32_t seed) const {
        studio::GenerationPlan plan;
        plan.options = options(seed);
        plan.progression = blues_;
        return studio::runGeneration(*model_, plan);
    }
    Solo regenerate(const Solo& t, int first, int last, uint32_t seed, int leadIn = 8) const {
        studio::GenerationPlan plan;
        plan.kind = studio::GenerationKind::Regenerate;
        plan.options = options(seed);
        plan.take = t;
        plan.first = first;
        plan.last = last;
        plan.leadInCandidates = leadIn;
        return studio::runGeneration(*model_, plan);
    }

    // A studio window with the model, the F blues and one 12-bar take, bars in view.
    void studio(ui::MainWindow& w) {
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setModel(model_, QString());
        w.progressionPanel()->editor()->setText(
            QString::fromStdString(Progression::presetText("blues-f")));
        QString error;
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        QCOMPARE(solo(w).progression.bars.size(), size_t(12));
        w.pianoRoll()->setPixelsPerBeat(12); // 12 bars in 576 px
        QCoreApplication::processEvents();
    }
    static const Solo& solo(ui::MainWindow& w) {
        return w.document()->take(w.document()->currentTake()).arrangement.solo;
    }
    // Drags across bars first..last (1-based) in the ruler.
    static void selectBars(ui::MainWindow& w, int first, int last) {
        ui::BarRuler* ruler = w.pianoRoll()->ruler();
        drag(ruler, ruler->barRect(first - 1).center(), ruler->barRect(last - 1).center());
    }
    // Runs a compose action and waits for its result to be applied.
    static bool waitApplied(ui::ComposePanel* c, const std::function<void()>& act) {
        QSignalSpy done(c, &ui::ComposePanel::finished);
        act();
        if (!c->isBusy() && done.isEmpty()) // refused: nothing started
            return false;
        if (done.isEmpty() && !done.wait(60000))
            return false;
        return done.first().first().toBool();
    }

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("JazzStudioTests");
        QCoreApplication::setApplicationName("test_compose");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        model_ = std::make_shared<model::TrainedModel>(smallTrainedModel());
    }

    // ---- core: the generation job ----

    // A fresh take is generateSolo's, and records every bar: its values, its seed, generated.
    void freshTakeRecordsEveryBar() {
        const Solo t = take(3);
        const Solo direct = generate::generateSolo(*model_, blues_, options(3));
        QCOMPARE(t.notes, direct.notes);
        QCOMPARE(t.bars, direct.bars);
        QCOMPARE(t.bars.size(), size_t(12));
        for (int b = 0; b < 12; ++b) {
            QCOMPARE(t.bars[size_t(b)].origin, BarOrigin::Generated);
            QCOMPARE(t.bars[size_t(b)].seed, generate::Improviser::barSeed(3, b));
            QVERIFY(!t.bars[size_t(b)].values.empty());
        }
        // A bar's seed plays it again from the state before it.
        generate::Improviser imp(*model_, options(3));
        for (int b = 0; b < 5; ++b)
            imp.nextBar(blues_, b, t.bars[size_t(b)].seed);
        auto again = imp.nextBar(blues_, 5, t.bars[5].seed);
        QCOMPARE(again.values, t.bars[5].values);
    }

    // A note placed a hair before a bar line is encoded in the next bar (onsets snap to
    // twelfths of a beat): an edit there re-encodes that bar too, so the model continues from
    // what is really there.
    void editJustBeforeABarLineReencodesTheNextBar() {
        ui::StudioDocument doc;
        session::Take t;
        t.arrangement.solo = take(3);
        doc.addTake(t);
        const int index = doc.takeCount() - 1;
        const generate::SoloNote early{3.99, 0.5, 101, 90};
        doc.insertNote(index, 0, early);
        const Solo& edited = doc.take(index).arrangement.solo;
        QCOMPARE(edited.barsOf(early), (std::vector<int>{0, 1}));
        QCOMPARE(edited.bars[1].origin, BarOrigin::Edited);
        QCOMPARE(edited.bars[1].values, generate::encodeBar(edited.progression, edited.notes, 1));
        QVERIFY(edited.bars[1].values != t.arrangement.solo.bars[1].values);
        const auto withNote = edited.bars[1].values;
        doc.removeNote(index, 0);
        const Solo& removed = doc.take(index).arrangement.solo;
        QCOMPARE(removed.bars[1].values,
                 generate::encodeBar(removed.progression, removed.notes, 1));
        QVERIFY(removed.bars[1].values != withNote);
    }

    // Bars 5-8 redone: bars 1-4 and 9-12 keep every note and record; the same seed gives the
    // same bars, another seed others.
    void regenerateKeepsTheOtherBars() {
        const Solo t = take(11);
        const Solo a = regenerate(t, 4, 7, 99), b = regenerate(t, 4, 7, 99),
                   c = regenerate(t, 4, 7, 123);
        for (int bar : {0, 1, 2, 3, 8, 9, 10, 11}) {
            QCOMPARE(barNotes(a, bar), barNotes(t, bar));
            QCOMPARE(a.bars[size_t(bar)], t.bars[size_t(bar)]);
        }
        QVERIFY(barsNotes(a, 4, 8) != barsNotes(t, 4, 8));
        QCOMPARE(a.notes, b.notes);
        QCOMPARE(a.bars, b.bars);
        QVERIFY(barsNotes(a, 4, 8) != barsNotes(c, 4, 8));
        for (int bar = 4; bar < 8; ++bar)
            QCOMPARE(a.bars[size_t(bar)].origin, BarOrigin::Generated);
        // Bars 5-7 play from barSeed(99, b); bar 8 from it or a lead-in candidate of it.
        QCOMPARE(a.bars[4].seed, generate::Improviser::barSeed(99, 4));
        // Out of range: a clear error.
        QVERIFY_THROWS_EXCEPTION(Error, regenerate(t, 10, 12, 1));
    }

    // The regenerated bars lead into the next kept bar: over 20 seeds the last new note lies
    // nearer bar 9's first note than without the lead-in.
    void regeneratedBarsLeadIntoTheNextKeptBar() {
        const Solo t = take(5);
        QVERIFY(!barNotes(t, 8).empty());
        double with = 0, without = 0;
        int n = 0, within = 0;
        for (uint32_t seed = 0; seed < 20; ++seed) {
            const int a = intervalInto(regenerate(t, 4, 7, seed, generate::kLeadInCandidates), 7);
            const int b = intervalInto(regenerate(t, 4, 7, seed, 1), 7);
            if (a < 0 || b < 0)
                continue;
            with += a;
            without += b;
            within += a <= generate::kLeadInReach;
            ++n;
        }
        QVERIFY(n >= 10);
        qInfo("lead-in: mean interval into the kept bar %.2f semitones with, %.2f without "
              "(%d of %d within %d)",
              with / n, without / n, within, n, generate::kLeadInReach);
        QVERIFY2(with < without, qPrintable(QString("%1 vs %2").arg(with).arg(without)));
    }

    // A locked bar survives Regenerate and Generate; a range of locked bars only is refused.
    void lockedBarsNeverChange() {
        Solo t = take(7);
        t.bars[5].locked = true;
        const Solo a = regenerate(t, 4, 7, 31);
        QCOMPARE(barNotes(a, 5), barNotes(t, 5));
        QCOMPARE(a.bars[5], t.bars[5]);
        QVERIFY(barsNotes(a, 4, 5) != barsNotes(t, 4, 5) ||
                barsNotes(a, 6, 8) != barsNotes(t, 6, 8));
        QVERIFY_THROWS_EXCEPTION(Error, regenerate(t, 5, 5, 1));
        // A new take over the same chords keeps it too; over other chords it is a new take.
        studio::GenerationPlan plan;
        plan.options = options(40);
        plan.progression = blues_;
        plan.take = t;
        const Solo fresh = studio::runGeneration(*model_, plan);
        QCOMPARE(barNotes(fresh, 5), barNotes(t, 5));
        QVERIFY(fresh.bars[5].locked);
        QVERIFY(barsNotes(fresh, 0, 5) != barsNotes(t, 0, 5));
        plan.progression = Progression::preset("ii-v-i-c");
        QCOMPARE(studio::runGeneration(*model_, plan).notes,
                 generate::generateSolo(*model_, plan.progression, plan.options).notes);
    }

    // Continue: N more bars over the form's next bars, primed by the whole take.
    void continueAddsBarsPrimedByTheTake() {
        const Solo t = take(9);
        studio::GenerationPlan plan;
        plan.kind = studio::GenerationKind::Continue;
        plan.options = options(17);
        plan.take = t;
        plan.progression = studio::continuationChords(blues_, 12, 4);
        const Solo c = studio::runGeneration(*model_, plan);
        QCOMPARE(c.progression.bars.size(), size_t(16));
        QCOMPARE(c.bars.size(), size_t(16));
        QCOMPARE(barsNotes(c, 0, 12), barsNotes(t, 0, 12));
        QVERIFY(!barsNotes(c, 12, 16).empty());
        // The model primed with every bar's values, then bars 13-16 from their seeds.
        generate::Improviser imp(*model_, plan.options);
        std::vector<std::vector<std::string>> values;
        for (const auto& b : t.bars)
            values.push_back(b.values);
        imp.prime(c.progression, 0, values, barNotes(t, 11).back().pitch);
        for (int b = 12; b < 16; ++b) {
            const auto bar = imp.nextBar(c.progression, b, generate::Improviser::barSeed(17, b));
            QCOMPARE(c.bars[size_t(b)].values, bar.values);
        }
        // The form loops: 16 bars of a 12-bar blues go on from its bar 5.
        const Progression next = studio::continuationChords(blues_, 16, 3);
        QCOMPARE(next.bars.size(), size_t(3));
        QCOMPARE(next.bars[0][0].pitches, blues_.bars[4][0].pitches);
        QCOMPARE(studio::continuationChords(blues_, 12, 1).bars[0][0].pitches,
                 blues_.bars[0][0].pitches);
    }

    // A bar is encoded as the corpus import encodes the same melody over the same chord.
    void editedBarIsReencodedAsTheCorpusReadsIt() {
        const auto tunes = corpus::parseTextCorpus("tune \"E\"\n"
                                                   "| Dm7 | r:8 F5 E5 D5 C5:4 A4:8t B4 C5\n",
                                                   "e.txt");
        std::vector<std::string> expected;
        const auto encoded = grammar::encode(tunes[0].sheet);
        for (const auto& v : encoded.at(0))
            expected.push_back(v.toString());
        std::vector<SoloNote> notes;
        for (const auto& e : tunes[0].sheet.measures.at(0).melody)
            if (e.kind == corpus::MelodyEvent::Note)
                notes.push_back(
                    {e.offset - tunes[0].sheet.measures[0].start, e.duration, e.pitches[0], 90});
        const Progression p = Progression::parse("| Dm7 |");
        QCOMPARE(generate::encodeBar(p, notes, 0), expected);

        Solo t = take(2);
        SoloNote extra{2 * 4 + 0.5, 0.5, 77, 90};
        t.notes.push_back(extra);
        t.markEdited({2});
        QCOMPARE(t.bars[2].origin, BarOrigin::Edited);
        QCOMPARE(t.bars[2].values, generate::encodeBar(t.progression, t.notes, 2));
        QCOMPARE(t.bars[1].origin, BarOrigin::Generated);
    }

    // generate --json reports each bar's seed and origin: fresh bars generated from their
    // seeds; --from: the redone bars generated, the others read back; --prime: the phrase's
    // bars primed.
    void commandLineReportsBarRecords() {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.jzm"), take = dir.filePath("take.mid");
        model::saveModel(*model_, model.toStdString());
        auto run = [](const QStringList& args) {
            QProcess p;
            p.start(JAZZ_STUDIO_BIN, args);
            p.waitForFinished(120000);
            const QByteArray err = p.readAllStandardError();
            if (p.exitCode() != 0)
                qWarning("%s", err.constData());
            return QJsonDocument::fromJson(p.readAllStandardOutput()).object()["bars"].toArray();
        };
        QJsonArray bars = run({"generate", model, "--preset", "blues-f", "--seed", "3", "--band",
                               "none", "--quantized", "-o", take, "--json"});
        QCOMPARE(bars.size(), 12);
        for (int b = 0; b < 12; ++b) {
            QCOMPARE(bars[b].toObject()["origin"].toString(), QString("generated"));
            QCOMPARE(bars[b].toObject()["seed"].toInteger(),
                     qint64(generate::Improviser::barSeed(3, b)));
        }
        bars = run({"generate", model, "--from", take, "--bars", "5:8", "--seed", "9", "--band",
                    "none", "--quantized", "-o", dir.filePath("r.mid"), "--json"});
        QCOMPARE(bars.size(), 12);
        for (int b = 0; b < 12; ++b)
            QCOMPARE(bars[b].toObject()["origin"].toString(),
                     QString(b >= 4 && b <= 7 ? "generated" : "unknown"));
        QCOMPARE(bars[4].toObject()["seed"].toInteger(),
                 qint64(generate::Improviser::barSeed(9, 4)));
        bars = run({"generate", model, "--preset", "ii-v-i-c", "--prime", take, "--band", "none",
                    "-o", dir.filePath("p.mid"), "--json"});
        QCOMPARE(bars.size(), 16);
        for (int b = 0; b < 16; ++b)
            QCOMPARE(bars[b].toObject()["origin"].toString(),
                     QString(b < 12 ? "primed" : "generated"));
    }

    // ---- the session file ----

    // Format 3 keeps the bar records; a format 2 file still opens, its bars read from notes.
    void sessionKeepsBarRecords() {
        session::Session s;
        session::Take t;
        t.name = "T";
        t.arrangement.solo = take(4);
        t.arrangement.solo.bars[3].locked = true;
        t.arrangement.solo.notes.push_back({4.5, 0.5, 70, 90});
        t.arrangement.solo.markEdited({1});
        s.takes.push_back(t);
        const std::string json = session::serializeSession(s);
        const auto back = session::parseSession(json, "s.jazz");
        QCOMPARE(back.takes.at(0).arrangement.solo.bars, t.arrangement.solo.bars);
        QCOMPARE(back.takes[0].arrangement.solo.bars[1].origin, BarOrigin::Edited);
        QVERIFY(back.takes[0].arrangement.solo.bars[3].locked);

        // Version 2: no records. Every bar gets its notes' encoding, origin unknown.
        QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        o["version"] = 2;
        QJsonArray takes = o["takes"].toArray();
        QJsonObject t0 = takes[0].toObject();
        t0.remove("bar_records");
        takes[0] = t0;
        o["takes"] = takes;
        const auto v2 = session::parseSession(QJsonDocument(o).toJson().toStdString(), "v2.jazz");
        const Solo& solo = v2.takes.at(0).arrangement.solo;
        QCOMPARE(solo.bars.size(), size_t(12));
        for (int b = 0; b < 12; ++b) {
            QCOMPARE(solo.bars[size_t(b)].origin, BarOrigin::Unknown);
            QCOMPARE(solo.bars[size_t(b)].values,
                     generate::encodeBar(solo.progression, solo.notes, b));
        }
        // Records that do not fit: an error naming the take and the fault.
        t0 = QJsonDocument::fromJson(QByteArray::fromStdString(json))
                 .object()["takes"]
                 .toArray()[0]
                 .toObject();
        QJsonArray records = t0["bar_records"].toArray();
        records.removeLast();
        t0["bar_records"] = records;
        o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        o["takes"] = QJsonArray{t0};
        try {
            session::parseSession(QJsonDocument(o).toJson().toStdString(), "bad.jazz");
            QFAIL("a take with a record missing was read");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bad.jazz: take 'T' has 11 bar records for 12"),
                     e.what());
        }
        QJsonObject r0 = records[0].toObject();
        r0["origin"] = "dreamt";
        records = t0["bar_records"].toArray();
        records.append(r0);
        t0["bar_records"] = records;
        o["takes"] = QJsonArray{t0};
        try {
            session::parseSession(QJsonDocument(o).toJson().toStdString(), "bad.jazz");
            QFAIL("an unknown origin was read");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bar 12: unknown origin 'dreamt'"), e.what());
        }
    }

    // ---- the studio ----

    // Drag bars 5-8 in the ruler, Regenerate: bars 1-4 and 9-12 note for note, 5-8 new; one
    // undo step restores all; Ctrl+R gives other bars 5-8; the same seed the same bars.
    void studioRegeneratesSelectedBars() {
        ui::MainWindow w;
        studio(w);
        const Solo original = solo(w);
        selectBars(w, 5, 8);
        QCOMPARE(w.pianoRoll()->ruler()->selection(), std::optional(std::pair{4, 7}));
        auto* compose = w.composePanel();
        QVERIFY(compose->regenerateButton()->isEnabled());
        compose->seed()->setValue(50);
        const int steps = w.undoStack()->count();
        QSignalSpy done(compose, &ui::ComposePanel::finished);
        compose->regenerateButton()->click();
        QVERIFY(compose->isBusy()); // on a worker: the click returned at once
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().first().toBool());
        const Solo first = solo(w);
        QCOMPARE(barsNotes(first, 0, 4), barsNotes(original, 0, 4));
        QCOMPARE(barsNotes(first, 8, 12), barsNotes(original, 8, 12));
        QVERIFY(barsNotes(first, 4, 8) != barsNotes(original, 4, 8));
        QCOMPARE(first.bars[4].seed, generate::Improviser::barSeed(50, 4));
        QCOMPARE(w.undoStack()->count(), steps + 1);
        QCOMPARE(w.undoStack()->undoText(), QString("Regenerate bars 5-8"));

        w.undoStack()->undo();
        QCOMPARE(solo(w).notes, original.notes);
        QCOMPARE(solo(w).bars, original.bars);
        w.undoStack()->redo();
        QCOMPARE(solo(w).notes, first.notes);

        // Ctrl+R: the same bars with the next seed, one more undo step.
        QVERIFY(compose->regenerateAgainAction()->isEnabled());
        QVERIFY(waitApplied(compose, [&] { QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier); }));
        const Solo second = solo(w);
        QCOMPARE(barsNotes(second, 0, 4), barsNotes(original, 0, 4));
        QCOMPARE(barsNotes(second, 8, 12), barsNotes(original, 8, 12));
        QVERIFY(barsNotes(second, 4, 8) != barsNotes(first, 4, 8));
        QCOMPARE(second.bars[4].seed, generate::Improviser::barSeed(51, 4));
        QCOMPARE(w.undoStack()->count(), steps + 2);
        w.undoStack()->undo();
        w.undoStack()->undo();
        QCOMPARE(solo(w).notes, original.notes);

        // The same seed again: the same bars.
        compose->seed()->setValue(50);
        QVERIFY(waitApplied(compose, [&] { compose->regenerateAction()->trigger(); }));
        QCOMPARE(solo(w).notes, first.notes);
        QCOMPARE(solo(w).bars, first.bars);
        // The roll's context menu offers it.
        std::unique_ptr<QMenu> menu(w.pianoRoll()->contextMenu(QPoint(100, 100)));
        QVERIFY(menu->actions().contains(compose->regenerateAction()));
        QVERIFY(w.pianoRoll()->ruler()->actions().contains(compose->lockAction()));
    }

    // An edit made while the model plays wins: the result is dropped with one message.
    void studioDropsAResultWhenTheTakeChanged() {
        ui::MainWindow w;
        studio(w);
        auto* compose = w.composePanel();
        selectBars(w, 2, 3);
        QSignalSpy errors(compose, &ui::ComposePanel::errorOccurred);
        QSignalSpy done(compose, &ui::ComposePanel::finished);
        compose->regenerateButton()->click();
        QVERIFY(compose->isBusy());
        w.document()->insertNote(0, 0, {0.5, 0.5, 90, 90}); // before the result arrives
        const Solo edited = solo(w);
        QVERIFY(done.wait(60000));
        QVERIFY(!done.first().first().toBool());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains("changed"),
                 qPrintable(errors.first().first().toString()));
        QCOMPARE(solo(w).notes, edited.notes);
        QVERIFY(!compose->isBusy());
        QVERIFY(compose->regenerateButton()->isEnabled());
    }

    // Lock bar 6: Regenerate of bars 5-8 and a new take keep it; unlock is one step back.
    void studioLockedBarSurvives() {
        ui::MainWindow w;
        studio(w);
        auto* compose = w.composePanel();
        selectBars(w, 6, 6);
        compose->lockButton()->click();
        QVERIFY(solo(w).bars[5].locked);
        QCOMPARE(compose->lockButton()->text(), QString("Unlock"));
        const Solo locked = solo(w);
        selectBars(w, 5, 8);
        QVERIFY(waitApplied(compose, [&] { compose->regenerateButton()->click(); }));
        QCOMPARE(barNotes(solo(w), 5), barNotes(locked, 5));
        QVERIFY(barsNotes(solo(w), 4, 5) != barsNotes(locked, 4, 5) ||
                barsNotes(solo(w), 6, 8) != barsNotes(locked, 6, 8));
        // Only locked bars selected: refused with a reason.
        selectBars(w, 6, 6);
        QString error;
        QVERIFY(!compose->regenerate(&error));
        QVERIFY2(error.contains("locked"), qPrintable(error));
        // Generate: a new take over the same chords keeps the locked bar.
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        QCOMPARE(w.document()->takeCount(), 2);
        QCOMPARE(barNotes(solo(w), 5), barNotes(locked, 5));
        QVERIFY(solo(w).bars[5].locked);
        // Unlock with the ruler's action, lock again with a double-click on the bar.
        selectBars(w, 6, 6);
        compose->lockAction()->trigger();
        QVERIFY(!solo(w).bars[5].locked);
        w.undoStack()->undo();
        QVERIFY(solo(w).bars[5].locked);
        ui::BarRuler* ruler = w.pianoRoll()->ruler();
        QTest::mouseDClick(ruler, Qt::LeftButton, {}, ruler->barRect(9).center().toPoint());
        QCOMPARE(ruler->selection(), std::optional(std::pair{9, 9}));
        QVERIFY(solo(w).bars[9].locked);
        QTest::mouseDClick(ruler, Qt::LeftButton, {}, ruler->barRect(9).center().toPoint());
        QVERIFY(!solo(w).bars[9].locked);
    }

    // Continue adds N bars primed by the take, one undo step; the roll grows with it.
    void studioContinuesTheTake() {
        ui::MainWindow w;
        studio(w);
        auto* compose = w.composePanel();
        const Solo original = solo(w);
        compose->continueBars()->setValue(3);
        QVERIFY(waitApplied(compose, [&] { compose->continueButton()->click(); }));
        QCOMPARE(solo(w).progression.bars.size(), size_t(15));
        QCOMPARE(solo(w).bars.size(), size_t(15));
        QCOMPARE(barsNotes(solo(w), 0, 12), barsNotes(original, 0, 12));
        QVERIFY(!barsNotes(solo(w), 12, 15).empty());
        QCOMPARE(w.pianoRoll()->ruler()->barCount(), 15);
        // Over the blues' bars 1-3 again (the form loops).
        QCOMPARE(solo(w).progression.bars[12][0].pitches, original.progression.bars[0][0].pitches);
        w.undoStack()->undo();
        QCOMPARE(solo(w).progression.bars.size(), size_t(12));
        QCOMPARE(solo(w).notes, original.notes);
    }

    // A note drawn in bar 2 re-encodes that bar and marks it edited; undo puts the record
    // back. The records survive saving and opening the session.
    void studioEditedBarIsReencoded() {
        ui::MainWindow w;
        studio(w);
        const Solo original = solo(w);
        auto* roll = w.pianoRoll();
        roll->verticalScrollBar()->setValue(0);
        // Double-click high up (where the line never goes) in bar 2.
        const QPoint at(int(ui::PianoRoll::kKeyboardWidth + (4 + 1.25) * roll->pixelsPerBeat() -
                            roll->horizontalScrollBar()->value()),
                        ui::PianoRoll::kChordLane + 3);
        QTest::mouseDClick(roll->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(solo(w).notes.size(), original.notes.size() + 1);
        QCOMPARE(solo(w).bars[1].origin, BarOrigin::Edited);
        QCOMPARE(solo(w).bars[1].values,
                 generate::encodeBar(solo(w).progression, solo(w).notes, 1));
        QVERIFY(solo(w).bars[1].values != original.bars[1].values);
        QCOMPARE(solo(w).bars[0], original.bars[0]);
        w.undoStack()->undo();
        QCOMPARE(solo(w).bars, original.bars);
        w.undoStack()->redo();

        selectBars(w, 3, 3);
        w.composePanel()->lockAction()->trigger();
        QTemporaryDir dir;
        const QString path = dir.filePath("s.jazz");
        QVERIFY(w.saveSessionTo(path));
        const Solo saved = solo(w);
        ui::MainWindow w2;
        QVERIFY(w2.openSession(path));
        QCOMPARE(solo(w2).bars, saved.bars);
        QCOMPARE(solo(w2).bars[1].origin, BarOrigin::Edited);
        QVERIFY(solo(w2).bars[2].locked);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object()["version"].toInt(), 3);
    }
};

QTEST_MAIN(TestCompose)
#include "test_compose.moc"
