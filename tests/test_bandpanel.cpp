// The studio's Band section under QT_QPA_PLATFORM=offscreen: a new take gets MMA's band (on a
// worker thread), a groove is picked, the drums are muted in the mixer, the take plays through
// FluidSynth's file driver, and the band settings and mixer survive a session saved and opened.
#include "BandPanel.h"
#include "MainWindow.h"
#include "PianoRoll.h"
#include "StudioDocument.h"
#include "TransportBar.h"
#include "accompany/Band.h"
#include "render/Renderer.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace jazz;

namespace {

session::Take bluesTake() {
    session::Take t;
    t.name = "blues";
    t.seed = 3;
    t.arrangement.solo.progression = generate::Progression::preset("blues-f");
    for (int i = 0; i < 48; ++i)
        t.arrangement.solo.notes.push_back({i * 1.0, 0.5, 65 + (i * 5) % 12, 90});
    return t;
}

QStringList trackNames(const midi::Song& s) {
    QStringList names;
    for (const auto& t : s.tracks)
        names << QString::fromStdString(t.name);
    return names;
}

} // namespace

class TestBandPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("JazzStudioBandTests");
        QStandardPaths::setTestModeEnabled(true);
    }

    void pickGrooveMuteDrumsAndPlay() {
        if (accompany::findMma().empty())
            QSKIP("mma is not installed (bash .ci/setup installs it)");
        QTemporaryDir dir;
        ui::MainWindow w;
        w.show();
        ui::BandPanel* band = w.bandPanel();
        QSignalSpy ready(band, &ui::BandPanel::bandReady);
        w.document()->addTake(bluesTake());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
        const auto& take = w.document()->take(0).arrangement;
        QCOMPARE(QString::fromStdString(take.style), QString("Swing1Walk"));
        QVERIFY(band->muteButton("Drums") && band->muteButton("Bass") && band->muteButton("Solo"));
        QVERIFY(w.pianoRoll()->showsBand()); // the band faintly under the solo, by default
        band->showInRollBox()->setChecked(false);
        QVERIFY(!w.pianoRoll()->showsBand());
        band->showInRollBox()->setChecked(true);

        // Pick a groove: the current take gets it (on the next Play).
        const int combo = band->grooveBox()->findText("JazzCombo");
        QVERIFY(combo > 0);
        band->grooveBox()->setCurrentIndex(combo);
        QCOMPARE(w.document()->band().style, std::string("JazzCombo"));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 30000);
        QCOMPARE(QString::fromStdString(w.document()->take(0).arrangement.style),
                 QString("JazzCombo"));

        // Mute the drums: gone from export, kept (silenced by channel) for live playback.
        band->muteButton("Drums")->click();
        QVERIFY(w.document()->mixer().part("Drums").mute);
        QVERIFY(!trackNames(w.document()->song(0, false)).contains("Drums"));
        QVERIFY(trackNames(w.document()->song(0, true)).contains("Drums"));
        band->volumeSlider("Bass")->setValue(70);
        QCOMPARE(w.document()->mixer().part("Bass").volume, 70);
        band->countInBox()->setChecked(true);
        QCOMPARE(trackNames(w.document()->song(0, true)).value(0), QString("Count-in"));
        band->swingBox()->setValue(2.0);
        QCOMPARE(w.document()->band().swing, 2.0);

        // Play through FluidSynth's file driver; unmute the drums while it plays.
        if (render::defaultSoundFont().empty())
            QSKIP("no General MIDI SoundFont installed");
        QSettings().setValue("audio/driver", "file");
        QSettings().setValue("audio/file", dir.filePath("live.wav"));
        w.transport()->setSoundFont(QString::fromStdString(render::defaultSoundFont()));
        QVERIFY2(w.transport()->play(), qPrintable(w.lastError()));
        QTRY_VERIFY(w.transport()->isPlaying());
        QTest::qWait(200);
        band->muteButton("Drums")->click(); // reaches the engine at the next bar
        QVERIFY(!w.document()->mixer().part("Drums").mute);
        QTest::qWait(200);
        w.transport()->stop();
        QSettings().remove("audio/driver");
        QSettings().remove("audio/file");

        // The session keeps the band settings and the mixer.
        const QString path = dir.filePath("band.jazz");
        QVERIFY(w.saveSessionTo(path));
        ui::MainWindow w2;
        QVERIFY2(w2.openSession(path), qPrintable(w2.lastError()));
        QCOMPARE(w2.bandPanel()->grooveBox()->currentText(), QString("JazzCombo"));
        QVERIFY(w2.bandPanel()->countInBox()->isChecked());
        QCOMPARE(w2.bandPanel()->swingBox()->value(), 2.0);
        QCOMPARE(w2.bandPanel()->volumeSlider("Bass")->value(), 70);
        QCOMPARE(w2.document()->take(0).arrangement.band, w.document()->take(0).arrangement.band);
    }

    void bandOffPlaysBlockChords() {
        ui::MainWindow w;
        w.bandPanel()->bandBox()->setChecked(false);
        QSignalSpy ready(w.bandPanel(), &ui::BandPanel::bandReady);
        w.document()->addTake(bluesTake());
        QTest::qWait(50);
        QCOMPARE(ready.count(), 0); // nothing asked of MMA
        QCOMPARE(trackNames(w.document()->song(0, false)), QStringList({"Solo", "Comping"}));
        QVERIFY(w.bandPanel()->muteButton("Comping"));
    }

    void missingMmaIsSaidOnce() {
        QTemporaryDir empty;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", empty.path().toUtf8());
        ui::MainWindow w;
        QSignalSpy ready(w.bandPanel(), &ui::BandPanel::bandReady);
        w.document()->addTake(bluesTake());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
        qputenv("PATH", path);
        QVERIFY2(w.bandPanel()->message().contains("Debian package 'mma'"),
                 qPrintable(w.bandPanel()->message()));
        QVERIFY(w.document()->take(0).arrangement.band.empty());
        QCOMPARE(trackNames(w.document()->song(0, false)), QStringList({"Solo", "Comping"}));
    }
};

QTEST_MAIN(TestBandPanel)
#include "test_bandpanel.moc"
