// The studio in a musician's hands, under QT_QPA_PLATFORM=offscreen: a layout that holds at
// 1024 px and against long messages, splitter states that cannot hide a pane, panels that show
// the state they act on, the chord-chart editor, piano-roll selection and moves, shortcuts and
// the Quality panel's wording. Set JAZZ_UI_SHOTS=DIR to keep a picture of each window checked.
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
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
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
    const std::vector<std::vector<int>> chords = {{50, 53, 57, 60}, {43, 47, 50, 53}, {48, 52, 55, 59},
                                                  {48, 52, 55, 59}};
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
                     qPrintable(QString("%1 squeezed to %2 px").arg(c->metaObject()->className()).arg(c->width())));
        for (QWidget* d : shown)
            if (c != d)
                QVERIFY2(!c->geometry().intersects(d->geometry()),
                         qPrintable(QString("%1 overlaps %2").arg(c->metaObject()->className(),
                                                                   d->metaObject()->className())));
    }
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
            QVERIFY(main->sizes()[i] > 0);
            QVERIFY(main->widget(i)->geometry().right() <= main->width());
        }
        for (QWidget* row : {static_cast<QWidget*>(w.transport())})
            verifyNoOverlap(row);
        auto* handle = w.findChild<ui::MidiDragHandle*>();
        QVERIFY(handle->isVisible() && handle->width() >= handle->sizeHint().width() - 1);
        QVERIFY(handle->mapTo(&w, QPoint(handle->width(), 0)).x() <= w.width());
        shot(w, "1024");
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
};

QTEST_MAIN(TestUiStudio)
#include "test_ui_studio.moc"
