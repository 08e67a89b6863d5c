// The studio in a musician's hands, under QT_QPA_PLATFORM=offscreen: a layout that holds at
// 1024 px and against long messages, splitter states that cannot hide a pane, panels that show
// the state they act on, the chord-chart editor, piano-roll selection and moves, shortcuts and
// the Quality panel's wording. Set JAZZ_UI_SHOTS=DIR to keep a picture of each window checked.
#include "ChordChartEdit.h"
#include "CorpusPanel.h"
#include "ElidedLabel.h"
#include "MainWindow.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "QualityPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TransportBar.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "model/ModelFile.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

using namespace jazz;

namespace {

void shot(QWidget& w, const QString& name) {
    const QString dir = qEnvironmentVariable("JAZZ_UI_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + "/" + name + ".png");
}

// Sixteen bars of ii-V-I with an eighth-note line over it: a small corpus that trains fast.
QString writeCorpus(const QString& dir) {
    midi::Song song;
    midi::SongTrack comp, solo;
    comp.name = "Piano";
    solo.name = "Sax";
    solo.channel = 1;
    const std::vector<std::vector<int>> chords = {
        {50, 53, 57, 60}, {43, 47, 50, 53}, {48, 52, 55, 59}, {48, 52, 55, 59}};
    const int line[] = {62, 65, 69, 72, 71, 67, 65, 62, 64, 67, 71, 74, 72, 69, 67, 64};
    for (int bar = 0; bar < 16; ++bar) {
        for (int p : chords[size_t(bar % 4)])
            comp.notes.push_back({bar * 4.0, 4.0, p, 70, 0});
        for (int i = 0; i < 8; ++i)
            if ((bar + i) % 7 != 6)
                solo.notes.push_back({bar * 4.0 + i * 0.5, 0.5, line[(bar * 3 + i) % 16], 90, 1});
    }
    song.tracks = {comp, solo};
    const QString path = dir + "/lines.mid";
    midi::write(midi::fromSong(song), path.toStdString());
    return path;
}

// Every widget of the bar is laid out at no less than its own minimum, side by side.
void verifyNoOverlap(QWidget* parent) {
    QList<QWidget*> shown;
    for (QWidget* c : parent->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (c->isVisible())
            shown << c;
    for (QWidget* c : shown) {
        if (qobject_cast<QAbstractButton*>(c))
            QVERIFY2(c->width() >= c->minimumSizeHint().width(),
                     qPrintable(QString("%1 squeezed to %2 px")
                                    .arg(c->metaObject()->className())
                                    .arg(c->width())));
        for (QWidget* d : shown)
            if (c != d)
                QVERIFY2(!c->geometry().intersects(d->geometry()),
                         qPrintable(
                             QString("%1 overlaps %2")
                                 .arg(c->metaObject()->className(), d->metaObject()->className())));
    }
}

// Trains in the window as a musician would (Train, wait) with small settings.
void train(ui::MainWindow& w, int epochs, int hidden, int tx, bool chordAware) {
    ui::TrainSettings s = w.trainingPanel()->settings();
    s.epochs = epochs;
    s.hidden = hidden;
    s.tx = tx;
    s.chordAware = chordAware;
    s.learningRate = chordAware ? 0.005 : 0.01;
    w.trainingPanel()->setSettings(s);
    QSignalSpy done(w.trainingController(), &ui::TrainingController::finished);
    w.trainingPanel()->trainButton()->click();
    QVERIFY(done.wait(120000));
}

} // namespace

class TestUiStudio : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString modelA_, modelB_; // two trained models with different settings

private Q_SLOTS:
    void initTestCase() {
        if (qEnvironmentVariableIsSet("JAZZ_UI_MINIMUMS")) {
            ui::MainWindow w;
            for (QSplitter* s : w.splitters())
                for (int i = 0; i < s->count(); ++i)
                    qDebug() << s->objectName() << i << s->widget(i)->minimumSizeHint();
        }
        QCoreApplication::setOrganizationName("JazzStudioTests");
        QCoreApplication::setApplicationName("test_ui_studio");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // Two models with different settings, saved as files to open.
        const QString corpus = writeCorpus(dir_.path());
        modelA_ = dir_.filePath("a.jzm");
        modelB_ = dir_.filePath("b.jzm");
        {
            ui::MainWindow w;
            QCOMPARE(w.addCorpusFiles({corpus}), 1);
            train(w, 12, 32, 20, false);
            model::saveModel(*w.document()->model(), modelA_.toStdString());
            train(w, 7, 24, 16, true);
            model::saveModel(*w.document()->model(), modelB_.toStdString());
        }
    }

    void init() { QSettings().clear(); }

    // A long device message is elided beside Play (the whole text in the tooltip); the window
    // keeps its width, and at 1024 px every transport control and the drag handle show whole.
    void longMessagesNeverWidenTheWindow() {
        ui::MainWindow w;
        w.resize(1024, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int width = w.width();
        QCOMPARE(width, 1024); // the panes' minimums fit
        QCOMPARE(w.height(), 700);
        const QString longName = QString(300, 'x') + ".sf2";
        w.transport()->setSoundFont(dir_.filePath(longName));
        QCoreApplication::processEvents();
        QCOMPARE(w.width(), width);
        QVERIFY(w.transport()->message()->toolTip().contains(longName));
        QVERIFY(w.transport()->message()->isElided());
        QVERIFY(w.transport()->message()->geometry().right() <= w.transport()->width());
        // Every pane still on screen.
        auto* main = w.findChild<QSplitter*>("mainSplitter");
        for (int i = 0; i < main->count(); ++i) {
            QVERIFY(main->sizes()[i] >= main->widget(i)->minimumWidth());
            QVERIFY(main->widget(i)->geometry().right() <= main->width());
        }
        for (QWidget* row : {static_cast<QWidget*>(w.transport())})
            verifyNoOverlap(row);
        auto* handle = w.findChild<ui::MidiDragHandle*>();
        QVERIFY(handle->isVisible() && handle->width() >= handle->sizeHint().width() - 1);
        QVERIFY(handle->mapTo(&w, QPoint(handle->width(), 0)).x() <= w.width());
        shot(w, "1024");
        // Narrower and wider: the transport never overlaps or cuts its buttons ("Pla", "Sto"),
        // and the drag handle stays.
        for (int width : {950, 1200, 1671}) {
            w.resize(width, 700);
            QCoreApplication::processEvents();
            verifyNoOverlap(w.transport());
            QVERIFY(handle->isVisible() &&
                    handle->mapTo(&w, QPoint(handle->width(), 0)).x() <= w.width());
            QVERIFY(w.width() <= std::max(width, 960));
        }
    }

    // Errors are not left in the status bar: it carries passing news that clears itself.
    void statusBarNewsClearsItself() {
        ui::MainWindow w;
        w.show();
        w.showError("Generate a take first.");
        QVERIFY(!w.statusBar()->currentMessage().contains("Generate a take first"));
        QCOMPARE(w.lastError(), QString("Generate a take first."));
        w.showStatus("Saved s.jazz", 50);
        QCOMPARE(w.statusBar()->currentMessage(), QString("Saved s.jazz"));
        QTRY_VERIFY(w.statusBar()->currentMessage().isEmpty());
    }

    // A saved state that hides the piano roll (as a collapsed splitter saved it) is refused:
    // every pane shows at its minimum or more. Dragging a handle moves it a little, and far
    // drags stop at the neighbour's minimum instead of collapsing it.
    void splitterStateThatHidesAPaneIsRefused() {
        QVariantList hidden;
        {
            ui::MainWindow w;
            w.resize(1280, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto* main = w.splitters()[0];
            main->setChildrenCollapsible(true); // what the old studio allowed
            main->setSizes({600, 0, 680});
            QCOMPARE(main->sizes()[1], 0);
            for (QSplitter* s : w.splitters())
                hidden << s->saveState();
        }
        QSettings().setValue("window/splitters", hidden);
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* main = w.splitters()[0];
        QVERIFY(!main->childrenCollapsible());
        QVERIFY(w.pianoRoll()->isVisible());
        QVERIFY2(main->sizes()[1] >= main->widget(1)->minimumSizeHint().width(),
                 qPrintable(QString::number(main->sizes()[1])));
        QVERIFY(!w.restoreSplitters(hidden));
        QVERIFY(main->sizes()[1] >= main->widget(1)->minimumSizeHint().width());

        // Drag the handle between the piano roll and the Chords panel.
        QSplitterHandle* handle = main->handle(2);
        const int before = main->sizes()[1];
        const QPoint mid(handle->width() / 2, handle->height() / 2);
        QTest::mousePress(handle, Qt::LeftButton, {}, mid);
        QTest::mouseMove(handle, mid + QPoint(-20, 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, mid + QPoint(-20, 0));
        QCOMPARE(main->sizes()[1], before - 20); // a small move is a small move
        QTest::mousePress(handle, Qt::LeftButton, {}, mid);
        QTest::mouseMove(handle, mid + QPoint(-1500, 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, mid + QPoint(-1500, 0));
        QVERIFY(main->sizes()[1] >= main->widget(1)->minimumSizeHint().width());
        QVERIFY(w.pianoRoll()->width() > 100);

        // A good state round-trips; View › Reset layout brings back the defaults.
        QVariantList good;
        for (QSplitter* s : w.splitters())
            good << s->saveState();
        const QList<int> sizes = main->sizes();
        w.findChild<QAction*>("resetLayoutAction")->trigger();
        QVERIFY(main->sizes() != sizes);
        QVERIFY(w.restoreSplitters(good));
        QCOMPARE(main->sizes(), sizes);
        w.close();
        QCOMPARE(QSettings().value("window/splitters").toList().size(), 3);
    }

    // Open model shows that model: its settings, its loss history, its state; the Quality
    // results of the previous model go.
    void trainingPanelShowsTheOpenedModel() {
        ui::MainWindow w;
        auto* panel = w.trainingPanel();
        QVERIFY(w.openModel(modelA_));
        QCOMPARE(panel->settings().epochs, 12);
        QCOMPARE(panel->settings().hidden, 32);
        QCOMPARE(panel->settings().tx, 20);
        QVERIFY(!panel->settings().chordAware);
        QCOMPARE(panel->chartPoints(), 12);
        QVERIFY2(panel->statusLabel()->text().contains("12 epochs") &&
                     panel->statusLabel()->text().contains("a.jzm"),
                 qPrintable(panel->statusLabel()->text()));
        w.qualityPanel()->setSolos(2);
        QSignalSpy measured(w.qualityPanel(), &ui::QualityPanel::measured);
        QString error;
        QVERIFY2(w.qualityPanel()->measure(&error), qPrintable(error));
        QVERIFY(measured.wait(60000));
        QVERIFY(w.qualityPanel()->table()->rowCount() > 0);

        QVERIFY(w.openModel(modelB_));
        QCOMPARE(panel->settings().epochs, 7);
        QCOMPARE(panel->settings().hidden, 24);
        QCOMPARE(panel->settings().tx, 16);
        QCOMPARE(panel->settings().learningRate, 0.005);
        QVERIFY(panel->settings().chordAware);
        QCOMPARE(panel->chartPoints(), 7);
        QVERIFY(panel->statusLabel()->text().contains("b.jzm"));
        QCOMPARE(w.qualityPanel()->table()->rowCount(), 0);
        QVERIFY(!w.qualityPanel()->summary()->text().contains("targets"));
    }

    // A session opened with its model says so (it used to say "No model yet."), and the next
    // take's seed follows the session's takes instead of starting at 0 again.
    void openedSessionShowsItsModelAndGoesOnWithTheSeed() {
        const QString path = dir_.filePath("s.jazz");
        {
            ui::MainWindow w;
            QVERIFY(w.openModel(modelA_));
            QString error;
            QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
            QVERIFY(w.takesPanel()->generate(&error));
            QCOMPARE(w.takesPanel()->seed()->value(), 2);
            QVERIFY(w.saveSessionTo(path));
        }
        ui::MainWindow w;
        QVERIFY(w.trainingPanel()->statusLabel()->text().contains("No model yet"));
        QVERIFY(w.openSession(path));
        QVERIFY(w.document()->model());
        QVERIFY2(!w.trainingPanel()->statusLabel()->text().contains("No model yet") &&
                     w.trainingPanel()->statusLabel()->text().contains("12 epochs"),
                 qPrintable(w.trainingPanel()->statusLabel()->text()));
        QCOMPARE(w.takesPanel()->seed()->value(), 2);
        QCOMPARE(w.trainingPanel()->chartPoints(), 12);
        // A new session drops the model with the takes.
        w.document()->replace(ui::StudioDocument::newSession(), QString());
        QVERIFY(!w.document()->model());
        QVERIFY(w.trainingPanel()->statusLabel()->text().contains("No model yet"));
        QCOMPARE(w.takesPanel()->seed()->value(), 0);
    }

    // Training locks the corpus (Remove disabled, removing refused); afterwards a corpus change
    // marks the model out of date, in words, until it is trained again.
    void corpusChangeMarksTheModelOutOfDate() {
        ui::MainWindow w;
        QCOMPARE(w.addCorpusFiles({writeCorpus(dir_.path())}), 1);
        const int files = int(w.document()->session().corpus.size());
        ui::TrainSettings s = w.trainingPanel()->settings();
        s.epochs = 400;
        s.hidden = 16;
        s.tx = 16;
        w.trainingPanel()->setSettings(s);
        QSignalSpy done(w.trainingController(), &ui::TrainingController::finished);
        QSignalSpy epoch(w.trainingController(), &ui::TrainingController::epochDone);
        w.trainingPanel()->trainButton()->click();
        QVERIFY(epoch.wait(60000));
        QVERIFY(w.document()->isCorpusLocked());
        QVERIFY(!w.corpusPanel()->removeButton()->isEnabled());
        w.document()->removeCorpus(0);
        QString error;
        QVERIFY(!w.corpusPanel()->addFile(
            QString::fromStdString(w.document()->session().corpus[0].path), &error));
        QVERIFY(error.contains("locked"));
        w.trainingPanel()->stopButton()->click();
        QVERIFY(done.wait(60000));
        QVERIFY(!w.document()->isCorpusLocked());
        QCOMPARE(int(w.document()->session().corpus.size()), files);
        QVERIFY(w.corpusPanel()->removeButton()->isEnabled());
        QVERIFY(!w.document()->isModelOutOfDate());
        QVERIFY(!w.trainingPanel()->statusLabel()->text().contains("out of date"));

        QSignalSpy stale(w.document(), &ui::StudioDocument::modelOutOfDateChanged);
        w.corpusPanel()->tree()->setCurrentItem(w.corpusPanel()->tree()->topLevelItem(0));
        w.corpusPanel()->removeButton()->click();
        QCOMPARE(int(w.document()->session().corpus.size()), files - 1);
        QVERIFY(w.document()->isModelOutOfDate());
        QCOMPARE(stale.count(), 1);
        QVERIFY2(w.trainingPanel()->statusLabel()->text().contains("out of date"),
                 qPrintable(w.trainingPanel()->statusLabel()->text()));
        // A model file is compared by its sources: model A was trained on the bundled corpus
        // and lines.mid, which a new session with lines.mid added has again.
        ui::MainWindow w2;
        QCOMPARE(w2.addCorpusFiles({writeCorpus(dir_.path())}), 1);
        QVERIFY(w2.openModel(modelA_));
        QVERIFY(!w2.document()->isModelOutOfDate());
        w2.document()->removeCorpus(0);
        QVERIFY(w2.document()->isModelOutOfDate());
    }

    // A note drawn in the roll counts at once in the takes list.
    void takeListCountsEditedNotes() {
        ui::MainWindow w;
        QVERIFY(w.openModel(modelA_));
        QString error;
        QVERIFY(w.takesPanel()->generate(&error));
        const int n = w.pianoRoll()->noteCount();
        QVERIFY(w.takesPanel()->list()->item(0)->text().contains(QString("%1 notes").arg(n)));
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Double-click an empty spot high up in the first bar.
        auto* roll = w.pianoRoll();
        const QPoint at(ui::PianoRoll::kKeyboardWidth + 5, ui::PianoRoll::kChordLane + 3);
        QTest::mouseDClick(roll->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(roll->noteCount(), n + 1);
        QVERIFY2(w.takesPanel()->list()->item(0)->text().contains(QString("%1 notes").arg(n + 1)),
                 qPrintable(w.takesPanel()->list()->item(0)->text()));
    }

    // Track tooltips spell pitches as musicians do: E♭5, not music21's E-5.
    void trackTooltipsSpellFlatsAsMusiciansDo_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("flat") << "mean pitch E-5, 12 notes"
                              << "mean pitch E♭5, 12 notes";
        QTest::newRow("sharp") << "mean pitch F#4"
                               << "mean pitch F♯4";
        QTest::newRow("double flat") << "B--3"
                                     << "B♭♭3";
        QTest::newRow("natural") << "mean pitch C4-E5"
                                 << "mean pitch C4-E5";
        QTest::newRow("words") << "most melodic: 90% of its notes"
                               << "most melodic: 90% of its notes";
    }
    void trackTooltipsSpellFlatsAsMusiciansDo() {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(ui::CorpusPanel::musicianPitchNames(in), out);
    }

    // A real import: the picker's tooltip for a melody around E♭5.
    void trackPickerTooltipUsesFlats() {
        QTemporaryDir d;
        midi::Song song;
        midi::SongTrack comp, solo;
        comp.name = "Piano";
        solo.name = "Sax";
        solo.channel = 1;
        for (int bar = 0; bar < 8; ++bar) {
            for (int p : {48, 52, 55, 58})
                comp.notes.push_back({bar * 4.0, 4.0, p, 70, 0});
            for (int i = 0; i < 4; ++i)
                solo.notes.push_back({bar * 4.0 + i, 1.0, 75, 90, 1}); // E♭5
        }
        song.tracks = {comp, solo};
        const QString path = d.filePath("eb.mid");
        midi::write(midi::fromSong(song), path.toStdString());
        ui::MainWindow w;
        QCOMPARE(w.addCorpusFiles({path}), 1);
        QTRY_VERIFY(!w.corpusPanel()->tree()->findChildren<QComboBox*>().isEmpty());
        QString tips;
        for (auto* combo : w.corpusPanel()->tree()->findChildren<QComboBox*>())
            tips += combo->toolTip();
        QVERIFY2(tips.contains(QString("E") + QChar(0x266D) + "5") && !tips.contains("E-5"),
                 qPrintable(tips));
    }

    // After Remove every track picker sits on its own row at once.
    void corpusRowsStayInPlaceAfterRemove() {
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTemporaryDir d1, d2;
        QCOMPARE(w.addCorpusFiles({writeCorpus(d1.path()), writeCorpus(d2.path())}), 2);
        QCoreApplication::processEvents();
        auto* tree = w.corpusPanel()->tree();
        const int rows = tree->topLevelItemCount();
        tree->setCurrentItem(tree->topLevelItem(rows - 2));
        w.corpusPanel()->removeButton()->click();
        QCoreApplication::processEvents();
        QCOMPARE(tree->topLevelItemCount(), rows - 1);
        int pickers = 0;
        for (auto* combo : tree->findChildren<QComboBox*>()) {
            if (!combo->isVisible())
                continue;
            ++pickers;
            QTreeWidgetItem* last = tree->topLevelItem(rows - 2);
            const QRect row = tree->visualItemRect(last);
            QVERIFY2(
                qAbs(combo->geometry().center().y() - row.center().y()) <= row.height() / 2,
                qPrintable(
                    QString("picker at y %1, row at %2").arg(combo->geometry().y()).arg(row.y())));
        }
        QCOMPARE(pickers, 2); // melody and chords of the one MIDI file left
        shot(w, "corpus");
    }

    // The chart's rule for empty bars: "| Dm7 | | G7 | Cmaj7 |" is four bars (Dm7 holds), not
    // three; an empty first bar is flagged where it stands; every bad bar is listed, in full.
    void chartHandlesEmptyBarsAndListsEveryBadBar() {
        ui::MainWindow w;
        w.resize(1024, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* panel = w.progressionPanel();
        auto* chart = panel->editor();
        chart->clear();
        QTest::keyClicks(chart, "| Dm7 | | G7 | Cmaj7 |");
        QVERIFY(panel->isValid());
        QString error;
        auto p = panel->progression(&error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(int(p->bars.size()), 4);
        QCOMPARE(QString::fromStdString(p->bars[1][0].symbol), QString("Dm7"));
        QVERIFY(panel->message()->text().contains("4 bars"));

        chart->clear();
        QTest::keyClicks(chart, "| | Dm7 | Xq7 | G7 |");
        QTest::keyClick(chart, Qt::Key_Return);
        QTest::keyClicks(chart, "| Cmaj7 | Hm7 | % | Cmaj7 |");
        QVERIFY(!panel->isValid());
        const QStringList errors = chart->barErrors();
        QCOMPARE(errors.size(), 3);
        QVERIFY2(errors[0].startsWith("Bar 1: empty"), qPrintable(errors[0]));
        QVERIFY(errors[1].startsWith("Bar 3:") && errors[1].contains("Xq7"));
        QVERIFY(errors[2].startsWith("Bar 6:") && errors[2].contains("Hm7"));
        QCOMPARE(chart->lineBarNumbers(), QList<int>({1, 5}));
        QCOMPARE(chart->extraSelections().size(), 3); // each bad bar marked in place
        QCoreApplication::processEvents();
        auto* message = panel->message();
        QCOMPARE(message->text().split('\n').size(), 3);
        QVERIFY(message->isVisible());
        QVERIFY2(message->height() >= message->heightForWidth(message->width()),
                 qPrintable(QString("%1 < %2")
                                .arg(message->height())
                                .arg(message->heightForWidth(message->width()))));
        QVERIFY2(w.height() <= 700, qPrintable(QString::number(w.height())));
        shot(w, "chart-errors");
        // A chart full of typos: three reasons shown and a count, all in the tooltip; the
        // window keeps its size.
        const QSize size = w.size();
        chart->clear();
        for (int i = 0; i < 12; ++i)
            QTest::keyClicks(chart, "| Qx7 ");
        QCOMPARE(chart->barErrors().size(), 12);
        QCOMPARE(message->text().split('\n').size(), 4);
        QCOMPARE(message->toolTip().split('\n').size(), 12);
        QCoreApplication::processEvents();
        QCOMPARE(w.size(), size);
    }

    // A preset lays its chart out four bars a line with numbered lines, and replaces the typed
    // chart undoably: Ctrl+Z brings the typing back.
    void presetsAreUndoableAndLaidOutByLines() {
        ui::MainWindow w;
        auto* panel = w.progressionPanel();
        auto* chart = panel->editor();
        chart->clear();
        QTest::keyClicks(chart, "| Am7 D7 | Gmaj7 | Bm7b5 E7 | Am7 |");
        const QString typed = chart->text();
        panel->choosePreset("blues-f");
        QCOMPARE(chart->text(), QString("| F7 | Bb7 | F7 | F7 |\n| Bb7 | Bb7 | F7 | D7 |\n"
                                        "| Gm7 | C7 | F7 D7 | Gm7 C7 |"));
        QCOMPARE(chart->lineBarNumbers(), QList<int>({1, 5, 9}));
        QCOMPARE(panel->presets()->currentData().toString(), QString("blues-f"));
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(chart->text(), typed);
        QCOMPARE(panel->presets()->currentIndex(), 0); // "Typed below" again
        QCOMPARE(QString::fromStdString(w.document()->session().progressionText), typed);
    }

    // Transposing spells the chords for the new key; the spin box says "1 semitone".
    void transpositionIsSpelledForTheKey() {
        ui::MainWindow w;
        auto* panel = w.progressionPanel();
        panel->choosePreset("blues-f");
        panel->transposition()->setValue(1);
        QCOMPARE(panel->transposition()->suffix(), QString(" semitone"));
        QString error;
        const auto p = panel->progression(&error);
        QVERIFY2(p, qPrintable(error));
        QStringList symbols;
        for (const auto& bar : p->bars)
            for (const auto& c : bar)
                symbols << QString::fromStdString(c.symbol);
        QCOMPARE(symbols.join(' '),
                 QString("Gb7 Cb7 Gb7 Gb7 Cb7 Cb7 Gb7 Eb7 Abm7 Db7 Gb7 Eb7 Abm7 Db7"));
        QVERIFY(panel->message()->text().contains("in Gb"));
        panel->transposition()->setValue(2);
        QCOMPARE(panel->transposition()->suffix(), QString(" semitones"));
        QVERIFY(panel->message()->text().contains("in G"));
    }

    // Shift-click adds, Ctrl-click toggles, a rubber band selects every note it touches (and
    // adds with Shift); Delete removes the selection in one undo step; the context menu acts on it.
    void rollSelectsWithShiftCtrlAndRubberBand() {
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openModel(modelA_));
        QString error;
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        auto* roll = w.pianoRoll();
        auto* vp = roll->viewport();
        const auto notes = w.document()->take(0).arrangement.solo.notes;
        // Scroll so the first notes show; collect the fully visible ones.
        roll->selectNote(0);
        QVector<int> visible;
        for (int i = 0; i < int(notes.size()); ++i)
            if (vp->rect()
                    .adjusted(0, ui::PianoRoll::kChordLane, 0, 0)
                    .contains(roll->noteRect(notes[size_t(i)]).toRect()))
                visible << i;
        QVERIFY2(visible.size() >= 4, qPrintable(QString::number(visible.size())));
        auto centre = [&](int i) { return roll->noteRect(notes[size_t(i)]).center().toPoint(); };
        auto left = [&](int i) {
            return roll->noteRect(notes[size_t(i)]).topLeft().toPoint() + QPoint(1, 4);
        };
        QTest::mouseClick(vp, Qt::LeftButton, {}, left(visible[0]));
        QCOMPARE(roll->selectedNotes(), std::set<int>({visible[0]}));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ShiftModifier, left(visible[1]));
        QCOMPARE(roll->selectedNotes(), std::set<int>({visible[0], visible[1]}));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ControlModifier, left(visible[2]));
        QCOMPARE(int(roll->selectedNotes().size()), 3);
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ControlModifier, left(visible[2]));
        QCOMPARE(roll->selectedNotes(), std::set<int>({visible[0], visible[1]}));

        // A rubber band from empty grid around the first two visible notes' centres.
        const QRect both = QRect(centre(visible[0]), centre(visible[1])).normalized();
        QPoint from(ui::PianoRoll::kKeyboardWidth + 1, ui::PianoRoll::kChordLane + 1);
        QPoint to(both.right() + 1, vp->height() - 2);
        bool edge = false;
        (void)edge;
        QTest::mouseClick(vp, Qt::LeftButton, {},
                          QPoint(vp->width() - 3, vp->height() - 3)); // clears
        QVERIFY(roll->selectedNotes().empty());
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QTest::mouseMove(vp, to);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
        std::set<int> expected;
        const QRectF band = QRectF(from, to).normalized();
        for (int i = 0; i < int(notes.size()); ++i)
            if (roll->noteRect(notes[size_t(i)]).intersects(band))
                expected.insert(i);
        QVERIFY(expected.size() >= 2);
        QCOMPARE(roll->selectedNotes(), expected);

        // The context menu offers Delete for them; Delete removes them all, one undo restores.
        std::unique_ptr<QMenu> menu(roll->contextMenu(centre(visible[0])));
        QAction* del = nullptr;
        for (QAction* a : menu->actions())
            if (a->text() == "Delete")
                del = a;
        QVERIFY(del && del->isEnabled());
        roll->setFocus();
        QTest::keyClick(roll, Qt::Key_Delete);
        QCOMPARE(roll->noteCount(), int(notes.size() - expected.size()));
        w.undoStack()->undo();
        QCOMPARE(roll->noteCount(), int(notes.size()));
        QCOMPARE(w.document()->take(0).arrangement.solo.notes, notes);
        shot(w, "roll");
    }

    // Arrows move the selection: Up/Down a semitone (Shift: octave), Left/Right a sixteenth
    // (Shift: a beat); each press one undo step. With nothing selected they scroll by a step.
    void arrowKeysNudgeTheSelection() {
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openModel(modelA_));
        QString error;
        w.progressionPanel()->choosePreset("blues-f"); // longer than the view
        QVERIFY(w.takesPanel()->generate(&error));
        auto* roll = w.pianoRoll();
        const auto notes = w.document()->take(0).arrangement.solo.notes;
        int i = 0;
        while (i < int(notes.size()) && notes[size_t(i)].start < 0.5)
            ++i; // one that can move left
        QVERIFY(i < int(notes.size()));
        roll->selectNote(i);
        roll->setFocus();
        QTest::keyClick(roll, Qt::Key_Up);
        QTest::keyClick(roll, Qt::Key_Right);
        QTest::keyClick(roll, Qt::Key_Down, Qt::ShiftModifier);
        auto now = [&] { return w.document()->take(0).arrangement.solo.notes[size_t(i)]; };
        QCOMPARE(now().pitch, notes[size_t(i)].pitch + 1 - 12);
        QCOMPARE(now().start, notes[size_t(i)].start + ui::PianoRoll::kSnap);
        QTest::keyClick(roll, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(now().start, std::max(0.0, notes[size_t(i)].start + ui::PianoRoll::kSnap - 1.0));
        QCOMPARE(w.undoStack()->count(), 4);
        while (w.undoStack()->canUndo())
            w.undoStack()->undo();
        QCOMPARE(now(), notes[size_t(i)]);
        roll->selectNote(-1);
        roll->horizontalScrollBar()->setValue(0);
        QTest::keyClick(roll, Qt::Key_Right);
        QCOMPARE(roll->horizontalScrollBar()->value(),
                 int(roll->pixelsPerBeat())); // a beat, not a pixel
        QCOMPARE(w.document()->take(0).arrangement.solo.notes, notes);
    }

    // Bars are numbered and chord names never run together, even zoomed far out; Ctrl+wheel
    // zooms around the mouse, Ctrl+= zooms, and the wheel and Shift+wheel scroll a long take.
    void rollZoomsAtTheMouseAndScrollsWithTheWheel() {
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openModel(modelA_));
        w.progressionPanel()->choosePreset("blues-f");
        w.progressionPanel()->transposition()->setValue(1);
        QString error;
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        auto* roll = w.pianoRoll();
        for (double ppb : {8.0, 12.0, 20.0, 40.0}) {
            roll->setPixelsPerBeat(ppb);
            const auto labels = roll->chordLabels();
            QVERIFY(!labels.isEmpty());
            for (int a = 0; a + 1 < labels.size(); ++a)
                QVERIFY2(labels[a].first.right() < labels[a + 1].first.left(),
                         qPrintable(QString("%1 runs into %2 at %3 px/beat")
                                        .arg(labels[a].second, labels[a + 1].second)
                                        .arg(ppb)));
        }
        roll->setPixelsPerBeat(40);
        QCOMPARE(roll->chordLabels().first().second, QString("Gb7"));

        // Ctrl+wheel: the beat under the mouse stays under it.
        auto* vp = roll->viewport();
        const QPointF mouse(400, 200);
        auto beatAt = [&](double x) {
            return (x - ui::PianoRoll::kKeyboardWidth + roll->horizontalScrollBar()->value()) /
                   roll->pixelsPerBeat();
        };
        roll->horizontalScrollBar()->setValue(100);
        const double beat = beatAt(mouse.x());
        QWheelEvent zoom(mouse, vp->mapToGlobal(mouse), {}, QPoint(0, 120), Qt::NoButton,
                         Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(vp, &zoom);
        QCOMPARE(roll->pixelsPerBeat(), 50.0);
        QVERIFY2(std::abs(beatAt(mouse.x()) - beat) < 0.05,
                 qPrintable(QString("%1 vs %2").arg(beatAt(mouse.x())).arg(beat)));
        // Ctrl+= (and Ctrl++) from the View menu.
        w.findChild<QAction*>("zoomInAction")->trigger();
        QCOMPARE(roll->pixelsPerBeat(), 62.5);
        QVERIFY(
            w.findChild<QAction*>("zoomInAction")->shortcuts().contains(QKeySequence("Ctrl+=")));

        // Shift+wheel scrolls time; so does the plain wheel when there is no pitch to scroll.
        roll->horizontalScrollBar()->setValue(0);
        QWheelEvent sideways(mouse, vp->mapToGlobal(mouse), {}, QPoint(0, -120), Qt::NoButton,
                             Qt::ShiftModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(vp, &sideways);
        QVERIFY(roll->horizontalScrollBar()->value() > 0);
        const int v = roll->verticalScrollBar()->value();
        QWheelEvent down(mouse, vp->mapToGlobal(mouse), {}, QPoint(0, -120), Qt::NoButton, {},
                         Qt::NoScrollPhase, false);
        QApplication::sendEvent(vp, &down);
        QVERIFY(roll->verticalScrollBar()->value() > v ||
                roll->verticalScrollBar()->maximum() == 0);
        w.resize(1280, 1400); // all pitches fit: the wheel scrolls time
        QTest::qWait(50);
        if (roll->verticalScrollBar()->maximum() == 0) {
            const int h = roll->horizontalScrollBar()->value();
            QApplication::sendEvent(vp, &down);
            QVERIFY(roll->horizontalScrollBar()->value() > h);
        }
    }

    // Play/Stop (Space), Stop, Generate and Train have keys; Space in the chord chart types a
    // space instead.
    void mainActionsHaveShortcuts() {
        ui::MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto action = [&](const char* name) { return w.findChild<QAction*>(name); };
        QCOMPARE(action("playStopAction")->shortcut(), QKeySequence(Qt::Key_Space));
        QCOMPARE(action("stopAction")->shortcut(), QKeySequence("Ctrl+."));
        QCOMPARE(action("generateAction")->shortcut(), QKeySequence("Ctrl+G"));
        QCOMPARE(action("recordAction")->shortcut(), QKeySequence("Ctrl+Alt+R"));
        QCOMPARE(action("tradeAction")->shortcut(), QKeySequence("Ctrl+Alt+F"));
        QCOMPARE(action("trainAction")->shortcut(), QKeySequence("Ctrl+T"));
        QVERIFY(w.openModel(modelA_));
        w.pianoRoll()->setFocus();
        QTest::keyClick(w.pianoRoll(), Qt::Key_G, Qt::ControlModifier);
        QTRY_COMPARE(w.document()->takeCount(), 1);
        QSignalSpy toggled(action("playStopAction"), &QAction::triggered);
        QTest::keyClick(w.pianoRoll(), Qt::Key_Space);
        QCOMPARE(toggled.count(), 1);
        // No sound card here: Play says why beside the button (or plays, where there is one).
        QVERIFY(w.transport()->isPlaying() || !w.transport()->message()->text().isEmpty());
        w.transport()->stop();
        auto* chart = w.progressionPanel()->editor();
        chart->setFocus();
        chart->moveCursor(QTextCursor::End);
        const QString before = chart->text();
        QTest::keyClick(chart, Qt::Key_Space);
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(chart->text(), before + " ");
        // On a focused button Space presses it, as everywhere in Qt.
        auto* generate = w.takesPanel()->generateButton();
        generate->setFocus();
        QTest::keyClick(generate, Qt::Key_Space);
        QTRY_COMPARE(w.document()->takeCount(), 2);
        QSignalSpy started(w.trainingController(), &ui::TrainingController::started);
        QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
        ui::TrainSettings s = w.trainingPanel()->settings();
        s.epochs = 2;
        s.hidden = 8;
        w.trainingPanel()->setSettings(s);
        QTest::keyClick(w.pianoRoll(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(started.count() == 1 || started.wait(10000));
        QVERIFY(finished.wait(60000));
    }

    // Tab walks the window as it reads (left column, piano roll, transport, right column),
    // the roll included, and every stop can show its focus.
    void tabOrderFollowsTheColumns() {
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openModel(modelA_));
        QString error;
        QVERIFY(w.takesPanel()->generate(&error));
        w.corpusPanel()->tree()->setFocus();
        QList<QWidget*> stops;
        for (int i = 0; i < 80; ++i) {
            QWidget* f = QApplication::focusWidget();
            QVERIFY(f);
            if (stops.contains(f))
                break;
            stops << f;
            QTest::keyClick(f, Qt::Key_Tab);
        }
        auto indexOf = [&](QWidget* w) {
            for (int i = 0; i < stops.size(); ++i)
                if (stops[i] == w || w->isAncestorOf(stops[i]))
                    return i;
            return -1;
        };
        const int train = indexOf(w.trainingPanel()->trainButton());
        const int roll = indexOf(w.pianoRoll());
        const int play = indexOf(w.transport()->playButton());
        const int chart = indexOf(w.progressionPanel()->editor());
        const int generate = indexOf(w.takesPanel()->generateButton());
        QVERIFY2(
            train >= 0 && roll > train && play > roll && chart > play && generate > chart,
            qPrintable(
                QString("%1 %2 %3 %4 %5").arg(train).arg(roll).arg(play).arg(chart).arg(generate)));
        for (QWidget* f : stops)
            QVERIFY2(!f->inherits("QGraphicsView"), f->metaObject()->className());
        // The roll draws a focus frame in the highlight colour.
        w.pianoRoll()->setFocus();
        QCoreApplication::processEvents();
        const QImage img = w.pianoRoll()->viewport()->grab().toImage();
        QCOMPARE(img.pixelColor(img.width() / 2, img.height() - 2),
                 w.pianoRoll()->palette().color(QPalette::Highlight));
    }

    // The Quality panel in a musician's words: distinct feature names with tooltips, targets
    // as sentences (no code names), and the table keeps its rows however many targets missed.
    void qualityPanelReadsLikeMusic() {
        ui::MainWindow w;
        w.resize(1024, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openModel(modelA_));
        w.qualityPanel()->setSolos(3);
        QSignalSpy measured(w.qualityPanel(), &ui::QualityPanel::measured);
        QString error;
        QVERIFY2(w.qualityPanel()->measure(&error), qPrintable(error));
        QVERIFY(measured.wait(60000));
        QCoreApplication::processEvents();
        auto* t = w.qualityPanel()->table();
        QSet<QString> names;
        for (int r = 0; r < t->rowCount(); ++r) {
            const QString name = t->item(r, 0)->text();
            QVERIFY2(!name.contains('_'), qPrintable(name));
            QVERIFY(!t->item(r, 0)->toolTip().isEmpty());
            names.insert(name.left(12)); // distinct from the start, not only at the end
        }
        QCOMPARE(names.size(), t->rowCount());
        auto* summary = w.qualityPanel()->summary();
        for (const QString& text : {summary->text(), summary->toolTip()}) {
            QVERIFY2(!text.contains('_') && !text.contains('|') && !text.contains("<="),
                     qPrintable(text));
        }
        const int met = measured.first()[0].toInt(), all = measured.first()[1].toInt();
        if (met < all)
            QVERIFY(summary->toolTip().contains("Missed"));
        int marks = 0;
        for (int r = 0; r < t->rowCount(); ++r)
            marks += t->item(r, 4)->text() == "✗";
        QCOMPARE(marks > 0, met < all);
        QVERIFY2(t->viewport()->height() >= 4 * t->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(t->viewport()->height())));
        QVERIFY(summary->height() <= 4 * summary->fontMetrics().lineSpacing());
        shot(w, "quality");
    }
};

QTEST_MAIN(TestUiStudio)
#include "test_ui_studio.moc"
