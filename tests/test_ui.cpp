// The studio's real widgets under QT_QPA_PLATFORM=offscreen: adding corpus files by drop,
// live training with Stop, chord validation and generation, undoable note edits, the MIDI drag
// payload, and sessions saved and reopened.
#include "ChordChartEdit.h"
#include "CorpusPanel.h"
#include "MainWindow.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "QualityPanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TransportBar.h"
#include "render/Renderer.h"
#include "corpus/TextCorpus.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "Error.h"
#include "midi/Song.h"
#include "corpus/MusicXmlReader.h"
#include "generate/Progression.h"
#include "session/Session.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QListWidget>
#include <QCheckBox>
#include <QLabel>
#include <QTableWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <sys/resource.h>

using namespace jazz;

namespace {

// Sixteen bars of ii-V-I with an eighth-note line that walks the chord tones and scale.
std::string writeCorpus(const QTemporaryDir& dir, const QString& name = "lines.mid") {
    midi::Song song;
    midi::SongTrack comp, solo;
    comp.name = "Piano";
    solo.name = "Sax";
    solo.channel = 1;
    const std::vector<std::vector<int>> chords = {{50, 53, 57, 60}, {43, 47, 50, 53}, {48, 52, 55, 59},
                                                  {48, 52, 55, 59}};
    const int line[] = {62, 65, 69, 72, 71, 67, 65, 62, 64, 67, 71, 74, 72, 69, 67, 64};
    for (int bar = 0; bar < 16; ++bar) {
        for (int p : chords[size_t(bar % 4)])
            comp.notes.push_back({bar * 4.0, 4.0, p, 70, 0});
        for (int i = 0; i < 8; ++i)
            if ((bar + i) % 7 != 6) // a few rests
                solo.notes.push_back({bar * 4.0 + i * 0.5, 0.5, line[(bar * 3 + i) % 16], 90, 1});
    }
    song.tracks = {comp, solo};
    const std::string path = dir.filePath(name).toStdString();
    midi::write(midi::fromSong(song), path);
    return path;
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons) {
    QMouseEvent e(type, pos, w->mapToGlobal(pos), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

void trainQuickly(ui::MainWindow& w, int epochs) {
    ui::TrainSettings s = w.trainingPanel()->settings();
    s.epochs = epochs;
    s.hidden = 32;
    s.tx = 20;
    w.trainingPanel()->setSettings(s);
    QSignalSpy done(w.trainingController(), &ui::TrainingController::finished);
    w.trainingPanel()->trainButton()->click();
    QVERIFY(done.wait(60000));
}

} // namespace

class TestUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("JazzStudioTests");
        QStandardPaths::setTestModeEnabled(true);
    }

    void addsCorpusFilesByDrop() {
        QTemporaryDir dir;
        const std::string good = writeCorpus(dir);
        const QString bad = dir.filePath("broken.mid");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not midi at all");
        f.close();
        ui::MainWindow w;
        w.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(good)), QUrl::fromLocalFile(bad)});
        // The events a file manager's drag delivers: enter (accepted for local files), drop.
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        // A new session starts with the bundled corpus; the broken file is not added.
        const int bundled = int(corpus::bundledCorpusFiles().size());
        QVERIFY(bundled >= 6);
        QTRY_COMPARE(w.corpusPanel()->fileCount(), bundled + 1);
        QVERIFY2(w.lastError().contains("broken.mid") && w.lastError().contains("not a MIDI file"),
                 qPrintable(w.lastError()));
        QVERIFY(w.corpusPanel()->tree()->topLevelItem(0)->text(0).contains("(bundled)"));
        QVERIFY(w.corpusPanel()->tree()->topLevelItem(0)->text(3).toInt() >= 16);
        auto* item = w.corpusPanel()->tree()->topLevelItem(bundled);
        QCOMPARE(item->text(3), QString("16")); // measures
        QVERIFY(item->text(4).toInt() > 100);   // values
        QVERIFY(w.document()->isModified());
    }

    // A dropped folder is read on a worker thread with a progress bar; its usable files are
    // added in one step and the others reported with their reasons. With more than 10 files
    // the collection recipe trains, and the chart shows the validation loss and the best epoch.
    void droppedFolderTrainsACollection() {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("set/inner");
        for (int i = 0; i < 12; ++i)
            writeCorpus(dir, QString(i % 2 ? "set/inner/s%1.mid" : "set/s%1.mid").arg(i));
        QFile bad(dir.filePath("set/inner/broken.mid"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not midi at all");
        bad.close();
        ui::MainWindow w;
        w.show();
        const int bundled = w.corpusPanel()->fileCount();
        QSignalSpy imported(w.corpusPanel(), &ui::CorpusPanel::importFinished);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dir.filePath("set"))});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(w.corpusPanel()->isImporting());
        QVERIFY(w.corpusPanel()->importProgress()->isVisible());
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.at(0).at(0).toInt(), 12);
        QCOMPARE(imported.at(0).at(1).toInt(), 1);
        QVERIFY(!w.corpusPanel()->importProgress()->isVisible());
        QTRY_COMPARE(w.corpusPanel()->fileCount(), bundled + 12);
        QVERIFY2(w.lastError().contains("broken.mid"), qPrintable(w.lastError()));

        ui::TrainSettings s = w.trainingPanel()->settings();
        QCOMPARE(s.recipe, 0); // automatic
        s.epochs = 3;
        w.trainingPanel()->setSettings(s);
        QSignalSpy done(w.trainingController(), &ui::TrainingController::finished);
        w.trainingPanel()->trainButton()->click();
        QVERIFY(done.wait(120000));
        QCOMPARE(w.document()->model()->recipe, std::string("collection"));
        QCOMPARE(w.trainingPanel()->validationPoints(), 3);
        const int best = w.trainingPanel()->bestEpochShown();
        QCOMPARE(best, w.document()->model()->bestEpoch);
        QVERIFY(best >= 1 && best <= 3);
    }

    void trainingDrawsTheChartAndStops() {
        QTemporaryDir dir;
        ui::MainWindow w;
        w.show();
        QCOMPARE(w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))}), 1);
        ui::TrainSettings s = w.trainingPanel()->settings();
        s.epochs = 100000; // far more than we wait for
        s.hidden = 32;
        s.tx = 20;
        w.trainingPanel()->setSettings(s);

        // Training runs on the controller's worker thread, never the GUI thread: note the
        // thread each epoch is reported from, where it is reported (how long the GUI thread's
        // event loop stalls meanwhile is `bench all`'s gui_stall_ms).
        std::atomic<const QThread*> trainedOn{nullptr};
        std::atomic<int> epochsSeen{0};
        connect(w.trainingController()->worker(), &ui::TrainingWorker::epochDone,
                w.trainingController()->worker(), [&] {
                    trainedOn = QThread::currentThread();
                    ++epochsSeen;
                }, Qt::DirectConnection);
        w.trainingPanel()->trainButton()->click();
        QVERIFY(w.trainingController()->isRunning());
        QVERIFY(!w.trainingPanel()->trainButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(w.trainingPanel()->chartPoints() >= 20, 60000);
        QVERIFY(epochsSeen >= 20);
        QVERIFY(trainedOn.load() != nullptr);
        QVERIFY(trainedOn.load() != QThread::currentThread());
        QCOMPARE(trainedOn.load(), w.trainingController()->workerThread());
        QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
        w.trainingPanel()->stopButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.at(0).at(1).toBool()); // cancelled
        QVERIFY(!w.trainingController()->isRunning());
        const int points = w.trainingPanel()->chartPoints();
        QTest::qWait(200);
        QCOMPARE(w.trainingPanel()->chartPoints(), points); // no epochs after Stop
        QVERIFY(w.document()->model() != nullptr);        // the partial model is kept
    }

    void closingDuringTrainingIsSafe() {
        QTemporaryDir dir;
        auto* w = new ui::MainWindow;
        w->show();
        w->addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        ui::TrainSettings s = w->trainingPanel()->settings();
        s.epochs = 100000;
        w->trainingPanel()->setSettings(s);
        w->trainingPanel()->trainButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->trainingPanel()->chartPoints() >= 1, 60000);
        delete w; // stops the worker within a batch and joins its thread
    }

    void invalidChordsAreFlaggedAndValidOnesGenerate() {
        QTemporaryDir dir;
        ui::MainWindow w;
        w.show();
        w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(w, 40);
        ui::ChordChartEdit* edit = w.progressionPanel()->editor();
        edit->clear();
        QTest::keyClicks(edit, "| Dm7 | Xq7 |");
        QVERIFY(edit->property("invalid").toBool());
        QVERIFY2(edit->toolTip().contains("Xq7"), qPrintable(edit->toolTip()));
        QString error;
        QVERIFY(!w.takesPanel()->generate(&error));
        QVERIFY(error.contains("bar 2"));

        edit->clear();
        QTest::keyClicks(edit, "| Dm7 G7 | Cmaj7 | Em7 A7 | Dm7 G7 |");
        QVERIFY(!edit->property("invalid").toBool());
        // The button plays the take on a worker: the window stays live, the button waits.
        w.takesPanel()->generateButton()->click();
        QVERIFY(w.takesPanel()->isGenerating());
        QVERIFY(!w.takesPanel()->generateButton()->isEnabled());
        QTRY_COMPARE(w.takesPanel()->list()->count(), 1);
        QVERIFY(!w.takesPanel()->isGenerating());
        QVERIFY(w.takesPanel()->generateButton()->isEnabled());
        QCOMPARE(w.document()->currentTake(), 0);
        const auto& take = w.document()->take(0);
        QVERIFY(!take.arrangement.solo.notes.empty());
        QCOMPARE(w.pianoRoll()->noteCount(), int(take.arrangement.solo.notes.size()));
        // A second take; the list keeps both and the first can be picked again.
        w.takesPanel()->generateButton()->click();
        QTRY_COMPARE(w.takesPanel()->list()->count(), 2);
        w.takesPanel()->list()->setCurrentRow(0);
        QCOMPARE(w.document()->currentTake(), 0);
    }

    // The chord-aware option reaches the model, and the quality panel scores solos on a worker
    // thread while the window stays live; deleting the window mid-measurement is safe.
    void chordAwareTrainingAndQualityPanel() {
        QTemporaryDir dir;
        auto* w = new ui::MainWindow;
        w->show();
        QString error;
        QVERIFY(!w->qualityPanel()->measure(&error));
        QVERIFY2(error.contains("model"), qPrintable(error));
        w->addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        auto* aware = w->trainingPanel()->findChild<QCheckBox*>("chordAware");
        QVERIFY(aware);
        aware->setChecked(true);
        trainQuickly(*w, 20);
        QVERIFY(w->document()->model());
        QCOMPARE(w->document()->model()->model.config.nCond, 17);

        w->progressionPanel()->editor()->setText("| Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 |");
        w->qualityPanel()->setSolos(40);
        QSignalSpy measured(w->qualityPanel(), &ui::QualityPanel::measured);
        QSignalSpy progress(w->qualityPanel(), &ui::QualityPanel::solosGenerated);
        QVERIFY2(w->qualityPanel()->measure(&error), qPrintable(error));
        QVERIFY(w->qualityPanel()->isRunning());
        QVERIFY(!w->qualityPanel()->measureButton()->isEnabled());
        QVERIFY(!w->qualityPanel()->measure(&error)); // one at a time
        QVERIFY(measured.wait(60000));
        QCOMPARE(progress.count(), 40); // one report per solo, in order, before the result
        QCOMPARE(progress.first()[0].toInt(), 1);
        QCOMPARE(progress.last()[0].toInt(), 40);
        QCOMPARE(progress.last()[1].toInt(), 40);
        QVERIFY(!w->qualityPanel()->isRunning());
        QVERIFY(w->qualityPanel()->measureButton()->isEnabled());
        const QTableWidget* t = w->qualityPanel()->table();
        QVERIFY(t->rowCount() >= 10);
        QStringList features;
        for (int r = 0; r < t->rowCount(); ++r)
            features << t->item(r, 0)->text();
        QVERIFY2(features.contains("Notes on chord tones"), qPrintable(features.join(",")));
        QVERIFY(measured.first()[1].toInt() >= 10); // targets checked
        QVERIFY2(w->qualityPanel()->summary()->text().contains("target"),
                 qPrintable(w->qualityPanel()->summary()->text()));

        w->qualityPanel()->setSolos(1000);
        QVERIFY(w->qualityPanel()->measure(&error));
        delete w; // cancels and joins the worker
    }

    void noteEditsUndoAndRedo() {
        QTemporaryDir dir;
        ui::MainWindow w;
        w.resize(1300, 800);
        w.show();
        w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(w, 30);
        QString error;
        QVERIFY2(w.takesPanel()->generate(&error), qPrintable(error));
        ui::PianoRoll* roll = w.pianoRoll();
        const auto notes = w.document()->take(0).arrangement.solo.notes;
        // The first note that is fully visible.
        int index = -1;
        for (int i = 0; i < int(notes.size()) && index < 0; ++i)
            if (roll->viewport()->rect().contains(roll->noteRect(notes[size_t(i)]).toRect()))
                index = i;
        QVERIFY(index >= 0);
        const auto before = notes[size_t(index)];
        const QRectF r = roll->noteRect(before);
        const QPointF grab(r.left() + 2, r.center().y());
        const QPointF moved = grab + QPointF(roll->pixelsPerBeat(), -2 * ui::PianoRoll::kRowHeight);
        sendMouse(roll->viewport(), QEvent::MouseButtonPress, grab, Qt::LeftButton);
        sendMouse(roll->viewport(), QEvent::MouseMove, moved, Qt::LeftButton);
        sendMouse(roll->viewport(), QEvent::MouseButtonRelease, moved, Qt::NoButton);
        const auto after = w.document()->take(0).arrangement.solo.notes[size_t(index)];
        QCOMPARE(after.start, before.start + 1.0); // one beat later (snapped)
        QCOMPARE(after.pitch, before.pitch + 2);    // a whole step up
        QCOMPARE(w.undoStack()->count(), 1);
        w.undoStack()->undo();
        QCOMPARE(w.document()->take(0).arrangement.solo.notes[size_t(index)], before);
        w.undoStack()->redo();
        QCOMPARE(w.document()->take(0).arrangement.solo.notes[size_t(index)], after);
        // Delete with the key, then undo brings it back.
        roll->selectNote(index);
        QTest::keyClick(roll, Qt::Key_Delete);
        QCOMPARE(w.pianoRoll()->noteCount(), int(notes.size()) - 1);
        w.undoStack()->undo();
        QCOMPARE(w.pianoRoll()->noteCount(), int(notes.size()));
    }

    void dragPayloadIsAMidiFileOfTheTake() {
        QTemporaryDir dir;
        ui::MainWindow w;
        w.show();
        w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(w, 30);
        QString error;
        QVERIFY(w.takesPanel()->generate(&error));
        std::unique_ptr<QMimeData> mime(w.pianoRoll()->makeDragMimeData(&error));
        QVERIFY2(mime, qPrintable(error));
        QCOMPARE(mime->urls().size(), 1);
        const QString file = mime->urls()[0].toLocalFile();
        QVERIFY(file.endsWith(".mid"));
        const midi::Song song = midi::toSong(midi::read(file.toStdString()));
        // The take as played (swing, dynamics), as every export is.
        const auto take = w.document()->song(0, false).tracks[0].notes;
        QCOMPARE(song.tracks[1].name, std::string("Solo"));
        QCOMPARE(song.tracks[1].notes.size(), take.size());
        for (size_t i = 0; i < take.size(); ++i) {
            QCOMPARE(song.tracks[1].notes[i].pitch, take[i].pitch);
            QVERIFY(std::abs(song.tracks[1].notes[i].start - take[i].start) < 1e-3);
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(mime->data("audio/midi"), f.readAll());
    }

    // Export lead sheet… writes the take as MusicXML; the file goes back into the corpus.
    void exportsLeadSheetAndAddsItToTheCorpus() {
        QTemporaryDir dir;
        ui::MainWindow w;
        const QString path = dir.filePath("take.musicxml");
        QVERIFY(!w.exportLeadSheet(path));
        QVERIFY(w.lastError().contains("Generate a take first"));
        session::Take t;
        t.name = "Lead sheet take";
        t.arrangement.solo.progression = generate::Progression::parse("| Dm7 G7 | Cmaj7 |");
        t.arrangement.solo.notes = {{0, 1.5, 62}, {1.5, 0.5, 65}, {2, 1.0 / 3, 69},
                                    {2 + 1.0 / 3, 1.0 / 3, 71}, {2 + 2.0 / 3, 1.0 / 3, 74},
                                    {3, 2, 72}, {6, 1, 64}};
        w.document()->addTake(t);
        w.document()->setCurrentTake(0);
        QVERIFY2(w.exportLeadSheet(path), qPrintable(w.lastError()));
        const corpus::LeadSheet sheet = corpus::readMusicXml(path.toStdString());
        std::vector<int> pitches;
        for (const auto& m : sheet.measures)
            for (const auto& e : m.melody)
                if (e.kind != corpus::MelodyEvent::Rest)
                    pitches.push_back(e.pitches.front());
        QCOMPARE(pitches, (std::vector<int>{62, 65, 69, 71, 74, 72, 64}));
        const int before = w.corpusPanel()->fileCount();
        QCOMPARE(w.addCorpusFiles({path}), 1);
        QTRY_COMPARE(w.corpusPanel()->fileCount(), before + 1);
        QCOMPARE(w.corpusPanel()->tree()->topLevelItem(before)->text(3), QString("2")); // measures
    }

    void transportPlaysThroughFluidSynthOrSaysWhyNot() {
        QTemporaryDir dir;
        ui::MainWindow w;
        w.show();
        w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(w, 20);
        QString error;
        QVERIFY(w.takesPanel()->generate(&error));
        // This machine has no sound card: the default driver fails with one clear message and
        // everything else keeps working.
        QSettings().remove("audio/driver");
        w.transport()->outputs()->setCurrentIndex(0); // FluidSynth
        if (!w.transport()->play()) {
            QVERIFY2(w.lastError().contains("no audio output") || w.lastError().contains("SoundFont"),
                     qPrintable(w.lastError()));
            QVERIFY(w.takesPanel()->generate(&error)); // the studio still works
        } else {
            w.transport()->stop();
        }
        // With FluidSynth's file driver it plays, and the piano roll's playhead moves.
        QSettings().setValue("audio/driver", "file");
        QSettings().setValue("audio/file", dir.filePath("live.wav"));
        w.transport()->setSoundFont(QString::fromStdString(render::defaultSoundFont()));
        if (render::defaultSoundFont().empty())
            QSKIP("no General MIDI SoundFont installed");
        QVERIFY2(w.transport()->play(), qPrintable(w.lastError()));
        QTRY_VERIFY(w.transport()->isPlaying());
        QTest::qWait(300);
        // Pause keeps the place; Play goes on from there.
        auto* pause = w.transport()->findChild<QPushButton*>("pause");
        QVERIFY(pause && pause->isEnabled());
        pause->click();
        QVERIFY(!w.transport()->isPlaying());
        const double at = w.transport()->pausedAt();
        QVERIFY2(at > 0, qPrintable(QString::number(at)));
        QVERIFY(w.transport()->play());
        QCOMPARE(w.transport()->pausedAt(), -1.0);
        QTRY_VERIFY(w.transport()->isPlaying());
        w.transport()->stop();
        QVERIFY(!w.transport()->isPlaying());
        // Closing the window while it plays stops the engine and the synth cleanly.
        QVERIFY(w.transport()->play());
        QTest::qWait(100);
        QSettings().remove("audio/driver");
        QSettings().remove("audio/file");
    }

    void closingDuringPlaybackIsSafe() {
        if (render::defaultSoundFont().empty())
            QSKIP("no General MIDI SoundFont installed");
        QTemporaryDir dir;
        auto* w = new ui::MainWindow;
        w->show();
        w->addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(*w, 10);
        QString error;
        QVERIFY(w->takesPanel()->generate(&error));
        QSettings().setValue("audio/driver", "file");
        QSettings().setValue("audio/file", dir.filePath("live.wav"));
        QVERIFY2(w->transport()->play(), qPrintable(w->lastError()));
        QTRY_VERIFY(w->transport()->isPlaying());
        QTest::qWait(150);
        delete w; // mid-playback
        QSettings().remove("audio/driver");
        QSettings().remove("audio/file");
        QVERIFY(QFileInfo(dir.filePath("live.wav")).size() > 0);
    }

    // A disk that fills while saving (here: a file-size limit, which fails writes the way a
    // full disk does): the save reports it, the previous session file is intact, no temporary
    // file is left behind, the session stays marked unsaved, and saving works again once
    // there is room. Model files are written the same way.
    void fullDiskKeepsThePreviousSession() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.jazz");
        ui::MainWindow w;
        w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
        trainQuickly(w, 10);
        QVERIFY(w.saveSessionTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        QString error;
        for (int i = 0; i < 6; ++i) // make the session much larger than the limit below
            QVERIFY(w.takesPanel()->generate(&error));
        QVERIFY(w.document()->isModified());
        const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);

        struct sigaction ignore {}, previous {};
        ignore.sa_handler = SIG_IGN;
        sigaction(SIGXFSZ, &ignore, &previous); // a failed write, not a killed process
        rlimit old{};
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit tight = old;
        tight.rlim_cur = rlim_t(before.size() + 512);
        setrlimit(RLIMIT_FSIZE, &tight);
        const bool saved = w.saveSessionTo(path);
        const QString message = w.lastError();
        bool modelSaved = true;
        QString modelError;
        try {
            model::saveModel(*w.document()->model(), dir.filePath("m.jzm").toStdString());
        } catch (const Error& e) {
            modelSaved = false;
            modelError = e.what();
        }
        setrlimit(RLIMIT_FSIZE, &old);
        sigaction(SIGXFSZ, &previous, nullptr);

        QVERIFY(!saved);
        QVERIFY2(message.contains("s.jazz"), qPrintable(message));
        QVERIFY(!modelSaved);
        QVERIFY2(modelError.contains("m.jzm"), qPrintable(modelError));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before); // the old file, byte for byte
        f.close();
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore); // no leftovers
        QVERIFY(w.document()->isModified());
        QVERIFY(w.saveSessionTo(path)); // room again
        QVERIFY(!w.document()->isModified());
    }

    // Pasting an iReal Pro link in the Chords field converts it; a playlist asks for the tune,
    // and a tune in another meter is refused with the reason.
    void pastedIRealLinkBecomesChanges() {
        ui::StudioDocument doc;
        ui::ProgressionPanel panel(&doc);
        ui::ChordChartEdit* edit = panel.editor();
        auto paste = [&](const QString& link) {
            edit->clear();
            QGuiApplication::clipboard()->setText(link);
            edit->paste();
        };
        paste("irealb://Mine=Me==Medium%20Swing=Eb==1r34LbKcu7[T44E-7XyQ|A7XyQ|D^7XyQKclZ==140=3");
        QCOMPARE(edit->text(), ui::ChordChartEdit::layOut(QString("| Em7 | A7 | Dmaj7 | Dmaj7 |")));
        QVERIFY(!edit->property("invalid").toBool());
        QVERIFY2(panel.message()->text().contains("\"Mine\"") &&
                     panel.message()->text().contains("4 bars"),
                 qPrintable(panel.message()->text()));
        QCOMPARE(QString::fromStdString(doc.session().progressionText),
                 ui::ChordChartEdit::layOut("| Em7 | A7 | Dmaj7 | Dmaj7 |"));

        QStringList offered;
        int choice = 1;
        panel.setTunePicker([&](const QString& playlist, const QStringList& titles) {
            offered = titles;
            offered.prepend(playlist);
            return std::optional<int>(choice);
        });
        const QString playlist = "irealbook://First=A=Swing=C=n=[T44C^7 |A-7 |D-7 |G7 Z"
                                 "===Second=B=Bossa=F=n={T44F^7 |Bb7 }===Third=C=Waltz=G=n="
                                 "[T34G^7 |D7 Z===My Set";
        paste(playlist);
        QCOMPARE(offered, QStringList({"My Set", "First", "Second", "Third"}));
        QCOMPARE(edit->text(), ui::ChordChartEdit::layOut(QString("| Fmaj7 | Bb7 | Fmaj7 | Bb7 |")));
        QVERIFY(!edit->property("invalid").toBool());
        choice = 2;
        paste(playlist);
        QVERIFY(edit->property("invalid").toBool());
        QVERIFY2(panel.message()->text().contains("3/4"), qPrintable(panel.message()->text()));
        paste("irealbook://Bad=A=Swing=C=n=[T44C^7 |Dq7 Z");
        QVERIFY(edit->property("invalid").toBool());
        QVERIFY2(panel.message()->text().contains("unexpected 'q'"),
                 qPrintable(panel.message()->text()));
        // The last good changes stay the document's.
        QCOMPARE(doc.session().progressionText, std::string("| Fmaj7 | Bb7 | Fmaj7 | Bb7 |"));
    }

    // A melody-only file is not refused: the panel asks for its changes and imports with them;
    // changes that do not fit the melody's bars are refused with the reason.
    void melodyOnlyFileAsksForItsChanges() {
        QTemporaryDir dir;
        midi::Song song;
        midi::SongTrack alto;
        alto.name = "Alto";
        for (int i = 0; i < 32; ++i)
            alto.notes.push_back({i * 0.5, 0.5, 64 + (i * 5) % 12, 90, 0});
        song.tracks = {alto};
        const QString path = dir.filePath("melody.mid");
        midi::write(midi::fromSong(song), path.toStdString());

        ui::StudioDocument doc;
        ui::CorpusPanel panel(&doc);
        const int before = int(doc.session().corpus.size());
        QString asked;
        std::optional<QString> answer;
        panel.setChangesAsker([&](const QString&, const QString& why) {
            asked = why;
            return answer;
        });
        QString error;
        QVERIFY(!panel.addFile(path, &error)); // cancelled: left out, with the reason
        QVERIFY2(asked.contains("no chordal track"), qPrintable(asked));
        QVERIFY2(error.contains("melody.mid"), qPrintable(error));
        answer = "| Dm7 |";
        QVERIFY(!panel.addFile(path, &error));
        QVERIFY2(error.contains("the changes have 1 bar but the melody spans 4 bars"),
                 qPrintable(error));
        QCOMPARE(int(doc.session().corpus.size()), before);

        answer = "# ii-V-I\n| Dm7 G7 | Cmaj7 |\n% | A7";
        QVERIFY2(panel.addFile(path, &error), qPrintable(error));
        QCOMPARE(int(doc.session().corpus.size()), before + 1);
        const session::CorpusEntry& e = doc.session().corpus.back();
        QCOMPARE(e.chords, std::string("| Dm7 G7 | Cmaj7 | % | A7 |"));
        QTRY_COMPARE(panel.fileCount(), before + 1);
        auto* item = panel.tree()->topLevelItem(before);
        QVERIFY2(item->text(2).contains("given"), qPrintable(item->text(2)));
        QCOMPARE(item->text(3), QString("4")); // measures
        // The changes travel with the session.
        const auto again = session::parseSession(session::serializeSession(doc.session()), "s");
        QCOMPARE(again.corpus.back().chords, e.chords);
    }

    void sessionSavesAndReopensEqual() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.jazz");
        std::string saved;
        {
            ui::MainWindow w;
            w.addCorpusFiles({QString::fromStdString(writeCorpus(dir))});
            trainQuickly(w, 20);
            w.progressionPanel()->setText("| Am7 D7 | Gmaj7 |");
            QString error;
            QVERIFY(w.takesPanel()->generate(&error));
            QVERIFY(w.takesPanel()->generate(&error));
            QVERIFY(w.document()->isModified());
            QVERIFY(w.saveSessionTo(path));
            QVERIFY(!w.document()->isModified());
            saved = session::serializeSession(w.document()->session());
        }
        ui::MainWindow w2;
        QVERIFY2(w2.openSession(path), qPrintable(w2.lastError()));
        QCOMPARE(session::serializeSession(w2.document()->session()), saved);
        QCOMPARE(w2.takesPanel()->list()->count(), 2);
        QTRY_COMPARE(w2.corpusPanel()->fileCount(), int(corpus::bundledCorpusFiles().size()) + 1);
        QCOMPARE(w2.progressionPanel()->editor()->text(), QString("| Am7 D7 | Gmaj7 |"));
        QVERIFY(!w2.document()->isModified());
        QCOMPARE(QSettings().value("recent/sessions").toStringList().value(0),
                 QFileInfo(path).absoluteFilePath());
        // A damaged session is refused with its name, and the open one stays.
        QFile f(dir.filePath("bad.jazz"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"jazz-studio session\", \"version\": 1, \"takes\": [{\"notes\": [[0, -1, 60, 90]]}]}");
        f.close();
        QVERIFY(!w2.openSession(dir.filePath("bad.jazz")));
        QVERIFY(w2.lastError().contains("bad.jazz"));
        QCOMPARE(w2.takesPanel()->list()->count(), 2);
    }
};

QTEST_MAIN(TestUi)
#include "test_ui.moc"
