// The band: MMA really runs. Chord names as MMA spells them, its groove library, the parts it
// plays for a blues in F (bass range and notes per bar, roots on downbeats, drums on channel 10
// with a ride, comping that follows the changes), unknown styles, and a missing mma (a PATH
// without it) that leaves the take playing with block chords, in the core and on the command line.
#include "Error.h"
#include "accompany/Accompaniment.h"
#include "accompany/Band.h"
#include "accompany/MmaChart.h"
#include "accompany/StyleLibrary.h"
#include "midi/MidiFile.h"
#include "theory/ChordAtTime.h"
#include "theory/ChordSymbol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace jazz;
using generate::Progression;

namespace {

bool haveMma() {
    return !accompany::findMma().empty();
}
#define REQUIRE_MMA()                                                                              \
    if (!haveMma())                                                                                \
    QSKIP("mma is not installed (bash .ci/setup installs the Debian package)")

const midi::SongTrack* part(const accompany::Band& band, const std::string& name) {
    for (const auto& p : band.parts)
        if (p.name == name)
            return &p;
    return nullptr;
}

// The chord sounding at a beat of the progression (the engine's rule, theory::chordAtTime),
// within the beat's bar; a band note up to 0.1 beat early already belongs to the next chord.
const generate::BarChord* chordAt(const Progression& p, double beat) {
    const size_t bar = size_t(beat / p.beatsPerBar);
    if (bar >= p.bars.size())
        return nullptr;
    return theory::chordAtTime(
        p.bars[bar], beat - double(bar) * p.beatsPerBar + 0.1,
        [](const generate::BarChord& c) { return c.offset; }, theory::BeforeFirstChord::None);
}

struct Run {
    int exitCode;
    QByteArray out, err;
};

Run run(const QStringList& args, const QString& path = {}) {
    QProcess p;
    if (!path.isNull()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PATH", path);
        p.setProcessEnvironment(env);
    }
    p.start(JAZZ_STUDIO_BIN, args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        return {-1, {}, "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestBand : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString model_;

private Q_SLOTS:
    void mmaChordNames_data() {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("mma");
        QTest::addColumn<bool>("reduced");
        QTest::newRow("major") << "C"
                               << "C" << false;
        QTest::newRow("dominant") << "F7"
                                  << "F7" << false;
        QTest::newRow("minor seventh") << "Bbm7"
                                       << "Bbm7" << false;
        QTest::newRow("major seventh") << "Ebmaj7"
                                       << "EbM7" << false;
        QTest::newRow("half-diminished") << "F#m7b5"
                                         << "F#m7b5" << false;
        QTest::newRow("diminished triad") << "Bdim"
                                          << "Bmb5" << false; // MMA's "dim" is dim7
        QTest::newRow("diminished seventh") << "Edim7"
                                            << "Edim7" << false;
        QTest::newRow("minor major") << "CmMaj7"
                                     << "CmM7" << false;
        QTest::newRow("augmented seventh") << "G7#5"
                                           << "Gaug7" << false;
        QTest::newRow("sus") << "D7sus4"
                             << "D7sus" << false;
        QTest::newRow("six nine") << "F6/9"
                                  << "F6(add9)" << false;
        QTest::newRow("thirteenth") << "A13"
                                    << "A13" << false;
        QTest::newRow("major ninth") << "Dbmaj9"
                                     << "DbM9" << false;
        QTest::newRow("slash") << "C/E"
                               << "C/E" << false;
        QTest::newRow("sixth over fifth") << "Bb6/F"
                                          << "Bb6/F" << false;
        QTest::newRow("altered") << "C7alt"
                                 << "C7b5b9" << true;
    }
    void mmaChordNames() {
        QFETCH(QString, symbol);
        QFETCH(QString, mma);
        QFETCH(bool, reduced);
        const auto c = theory::ChordSymbol::parse(symbol.toStdString());
        generate::BarChord chord{0, c.voicing(3), symbol.toStdString()};
        bool wasReduced = !reduced;
        QCOMPARE(QString::fromStdString(accompany::mmaChordName(chord, &wasReduced)), mma);
        QCOMPARE(wasReduced, reduced);
    }

    void chartPlacesChordsAtTheirBeats() {
        const Progression p = Progression::parse("| Dm7 G7 | Cmaj7 | C7alt F7alt | N.C. |");
        const auto chart = accompany::writeChart(p, {"Swing1Walk", 140, 9});
        const QString text = QString::fromStdString(chart.text);
        QVERIFY(text.contains("Groove Swing1Walk\n"));
        QVERIFY(text.contains("Tempo 140\n"));
        QVERIFY(text.contains("RndSeed 9\n"));
        QVERIFY(text.contains("\n1 Dm7@1 G7@3\n"));
        QVERIFY(text.contains("\n2 CM7@1\n"));
        QVERIFY(text.contains("\n4 z\n"));
        QCOMPARE(int(chart.reductions.size()), 2); // each reduced symbol said once
        QVERIFY(QString::fromStdString(chart.reductions[0]).contains("C7alt played as C7b5b9"));
        QVERIFY_THROWS_EXCEPTION(Error, accompany::writeChart(Progression{}, {"Swing", 120, 0}));
    }

    void chartStartsEveryBarOnBeatOne() {
        // A phrase's chords as read from a real file: the first change on the and of 2, and a
        // later bar that changes on beat 3. MMA refuses a bar whose first chord is not on beat 1.
        Progression p = Progression::parse("| Dm7 | G7 | Cmaj7 |");
        p.bars[0][0].offset = 1.5;
        p.bars[2][0].offset = 2;
        // Out of order, and two chords on one beat: sorted, the later one played.
        p.bars[1] = {{2.0004, p.bars[1][0].pitches, "G7"}, {0, p.bars[1][0].pitches, "G7"},
                     {2, p.bars[0][0].pitches, "Dm7"}};
        const QString text = QString::fromStdString(accompany::writeChart(p, {"Swing", 120, 1}).text);
        QVERIFY2(text.contains("\n1 Dm7@1 Dm7@2.5\n"), qPrintable(text));
        QVERIFY2(text.contains("\n2 G7@1 G7@3\n"), qPrintable(text));
        QVERIFY2(text.contains("\n3 G7@1 CM7@3\n"), qPrintable(text));
        REQUIRE_MMA();
        try {
            QVERIFY(!accompany::playBand(p, {}).parts.empty());
        } catch (const Error& e) {
            QFAIL(e.what());
        }
    }

    void everyChordNameIsOneMmaKnows() {
        REQUIRE_MMA();
        // A chart with every quality our parser knows, through MMA itself.
        std::string text = "Groove Swing\n";
        int bar = 1;
        for (const char* q :
             {"",     "m",    "7",     "m7",   "maj7", "m7b5",    "dim7", "dim",   "aug",
              "6",    "m6",   "mMaj7", "9",    "m9",   "maj9",    "7b9",  "7#9",   "7#11",
              "7b13", "7#5",  "7b5",   "11",   "m11",  "13",      "m13",  "maj13", "7alt",
              "sus4", "sus2", "7sus4", "add9", "6/9",  "maj7#11", "5"}) {
            const std::string symbol = std::string("Bb") + q;
            const auto c = theory::ChordSymbol::parse(symbol);
            text += std::to_string(bar++) + " " +
                    accompany::mmaChordName({0, c.voicing(3), symbol}) + "\n";
        }
        QTemporaryDir dir;
        QFile f(dir.filePath("all.mma"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(text));
        f.close();
        QProcess mma;
        mma.setProcessChannelMode(QProcess::MergedChannels);
        mma.start(QString::fromStdString(accompany::findMma()),
                  {"-n", dir.filePath("all.mma")}); // -n: parse and play, write no file
        QVERIFY(mma.waitForFinished(60000));
        const QByteArray output = mma.readAll();
        QVERIFY2(mma.exitCode() == 0 && !output.contains("Error"), output.constData());
    }

    void styleLibrary() {
        const std::string dir = accompany::defaultStyleDirectory();
        if (dir.empty())
            QSKIP("MMA's groove library is not installed");
        const auto styles = accompany::readStyles(dir);
        QVERIFY2(styles.size() > 100, qPrintable(QString::number(styles.size())));
        const auto* swing = accompany::findStyle(styles, "swing1walk");
        QVERIFY(swing);
        QCOMPARE(QString::fromStdString(swing->name), QString("Swing1Walk"));
        QVERIFY(!swing->description.empty());
        QVERIFY(accompany::findStyle(styles, accompany::kDefaultStyle));
        const auto* waltz = accompany::findStyle(styles, accompany::kDefaultWaltzStyle);
        QVERIFY(waltz);
        QCOMPARE(waltz->beatsPerBar, 3);
        QCOMPARE(accompany::defaultStyleFor(3), std::string("JazzWaltz"));
        const auto close = accompany::closestStyles(styles, "Swng");
        QVERIFY(std::find(close.begin(), close.end(), "Swing") != close.end());
        QVERIFY_THROWS_EXCEPTION(Error, accompany::readStyles("/nonexistent/mma/lib"));
    }

    void bluesInFWithTheDefaultSwing() {
        REQUIRE_MMA();
        const Progression blues = Progression::preset("blues-f");
        accompany::BandOptions o;
        o.seed = 1;
        const accompany::Band band = accompany::playBand(blues, o);
        QCOMPARE(QString::fromStdString(band.style), QString("Swing1Walk"));
        // Bass: about four notes a bar, E1..G3, the root (or the chord's bass) on most downbeats.
        const auto* bass = part(band, "Bass");
        QVERIFY(bass);
        const double perBar = double(bass->notes.size()) / 12;
        QVERIFY2(perBar >= 3.5 && perBar <= 5,
                 qPrintable(QString("%1 bass notes a bar").arg(perBar)));
        int roots = 0;
        for (const auto& n : bass->notes) {
            QVERIFY2(n.pitch >= 28 && n.pitch <= 55,
                     qPrintable(QString("bass pitch %1").arg(n.pitch)));
            const double inBar = std::fmod(n.start, 4);
            if (inBar < 0.1 || inBar > 3.9) {
                const auto* c = chordAt(blues, std::round(n.start));
                const auto symbol = theory::ChordSymbol::parse(c->symbol);
                const int root = (symbol.bass() ? *symbol.bass() : symbol.root()).pitchClass();
                roots += (n.pitch % 12) == root;
            }
        }
        QVERIFY2(roots >= 9, qPrintable(QString("%1 of 12 downbeats on the root").arg(roots)));
        QVERIFY(bass->channel != 0 && bass->channel != 9);
        // Drums on channel 10 with a ride pattern (ride cymbal on most beats of most bars).
        const auto* drums = part(band, "Drums");
        QVERIFY(drums);
        QCOMPARE(drums->channel, 9);
        std::set<int> ridden;
        for (const auto& n : drums->notes) {
            QCOMPARE(n.channel, 9);
            if (n.pitch == 51 || n.pitch == 59 || n.pitch == 53)
                ridden.insert(int(std::round(n.start)));
        }
        QVERIFY2(ridden.size() >= 36,
                 qPrintable(QString("ride on %1 of 48 beats").arg(ridden.size())));
        // Comping follows the changes: its notes belong to the chord sounding where they start.
        const auto* comp = part(band, "Comping");
        QVERIFY(comp);
        int inChord = 0;
        for (const auto& n : comp->notes) {
            const auto* c = chordAt(blues, n.start + 0.05);
            const auto pcs = theory::ChordSymbol::parse(c->symbol).pitchClasses();
            inChord += std::find(pcs.begin(), pcs.end(), n.pitch % 12) != pcs.end();
        }
        QVERIFY2(inChord >= int(comp->notes.size() * 9 / 10),
                 qPrintable(QString("%1 of %2 comping notes in the chord")
                                .arg(inChord)
                                .arg(comp->notes.size())));
        // Every part has a channel of its own, and the same seed plays the same band.
        std::set<int> channels;
        for (const auto& p : band.parts)
            QVERIFY(channels.insert(p.channel).second);
        QCOMPARE(accompany::playBand(blues, o).parts, band.parts);
    }

    void waltzTakesAWaltzGroove() {
        REQUIRE_MMA();
        const Progression waltz = Progression::parse("| Dm7 | G7 | Cmaj7 | % |", 3);
        const auto band = accompany::playBand(waltz, {});
        QCOMPARE(QString::fromStdString(band.style), QString("JazzWaltz"));
        for (const auto& p : band.parts)
            for (const auto& n : p.notes)
                QVERIFY(n.start < 12.5);
        accompany::BandOptions o;
        o.style = "Swing";
        QVERIFY_THROWS_EXCEPTION(Error, accompany::playBand(waltz, o)); // 4/4 over 3/4
    }

    void unknownStyleNamesTheClosest() {
        REQUIRE_MMA();
        accompany::BandOptions o;
        o.style = "Swng";
        try {
            accompany::playBand(Progression::preset("blues-f"), o);
            QFAIL("accepted");
        } catch (const accompany::BandUnavailable&) {
            QFAIL("an unknown style is the user's to fix, not a missing MMA");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("unknown style 'Swng'") &&
                         QString(e.what()).contains("Swing"),
                     e.what());
        }
    }

    void missingMmaLeavesBlockChords() {
        generate::Arrangement take;
        take.solo.progression = Progression::preset("ii-v-i-c");
        take.solo.notes = {{0, 1, 62, 90}, {1, 1, 65, 90}};
        take.band = {midi::SongTrack{}}; // anything there is replaced
        accompany::BandOptions o;
        o.program = "/nonexistent/bin/mma";
        auto result = accompany::accompany(take, o);
        QVERIFY(!result.played);
        QVERIFY2(QString::fromStdString(result.unavailable).contains("Debian package 'mma'"),
                 result.unavailable.c_str());
        QVERIFY(take.band.empty());
        QCOMPARE(take.partNames(), (std::vector<std::string>{"Solo", "Comping"}));
        // The same through a PATH that lacks mma.
        QTemporaryDir empty;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", empty.path().toUtf8());
        result = accompany::accompany(take, {});
        qputenv("PATH", path);
        QVERIFY(!result.played);
        QVERIFY(QString::fromStdString(result.unavailable).contains("'mma'"));
        const midi::Song song = take.toSong();
        QCOMPARE(int(song.tracks.size()), 2);
        QVERIFY(!song.tracks[1].notes.empty());
    }

    // The command line, as users run it.
    void initTestCase() {
        QVERIFY(dir_.isValid());
        model_ = dir_.filePath("model.jzm");
        const Run r = run({"train", "--epochs", "30", "-o", model_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void cliGeneratesWithTheBand() {
        REQUIRE_MMA();
        const QString mid = dir_.filePath("blues.mid");
        const Run r = run(
            {"generate", model_, "--preset", "blues-f", "--choruses", "2", "--json", "-o", mid});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["style"].toString(), QString("Swing1Walk"));
        const QJsonArray parts = o["parts"].toArray();
        QVERIFY(parts.contains(QString("Bass")) && parts.contains(QString("Drums")) &&
                parts.contains(QString("Comping")));
        const double swing = o["swing"].toDouble();
        QVERIFY(swing >= 1.25 && swing <= 2.2);
        const midi::Song song = midi::toSong(midi::read(mid.toStdString()));
        std::set<int> channels;
        bool drumsOn10 = false;
        for (const auto& t : song.tracks)
            if (!t.notes.empty()) {
                QVERIFY(channels.insert(t.channel).second);
                drumsOn10 |= t.name == "Drums" && t.notes.front().channel == 9;
            }
        QVERIFY(drumsOn10);
    }

    void cliStyles() {
        REQUIRE_MMA();
        Run r = run({"styles", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o["styles"].toArray().size() > 100);
        bool found = false;
        for (const auto& s : o["styles"].toArray())
            found |= s.toObject()["name"].toString() == "JazzWaltz" &&
                     !s.toObject()["description"].toString().isEmpty();
        QVERIFY(found);
        r = run({"styles"});
        QVERIFY(r.exitCode == 0 && r.out.contains("Swing1Walk") && r.out.contains("[default]"));
        r = run({"generate", model_, "--preset", "blues-f", "--style", "BossaNovva", "-o",
                 dir_.filePath("x.mid")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("unknown style 'BossaNovva'") && r.err.contains("BossaNova"),
                 r.err.constData());
    }

    void cliWithoutMmaStillPlaysAndExports() {
        QTemporaryDir empty; // a PATH without mma
        const QString mid = dir_.filePath("nomma.mid"), wav = dir_.filePath("nomma.wav");
        Run r = run({"generate", model_, "--preset", "ii-v-i-f", "-o", mid, "--wav", wav},
                    empty.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.err.count("Debian package 'mma'"), 1); // one clear message
        const midi::Song song = midi::toSong(midi::read(mid.toStdString()));
        QStringList names;
        for (const auto& t : song.tracks)
            names << QString::fromStdString(t.name);
        QCOMPARE(names, QStringList({"Tempo", "Solo", "Comping"}));
        QVERIFY(QFileInfo(wav).size() > 44100);
        r = run({"styles"}, empty.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("Debian package 'mma'"));
    }

    void cliBandNoneAndSwingFlags() {
        const QString mid = dir_.filePath("straight.mid");
        Run r = run({"generate", model_, "--preset", "blues-f", "--band", "none", "--swing", "1",
                     "--json", "-o", mid});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["style"].toString(), QString());
        QCOMPARE(o["swing"].toDouble(), 1.0);
        QCOMPARE(o["parts"].toArray().size(), 2); // Solo, Comping
        r = run({"generate", model_, "--preset", "blues-f", "--swing", "0.5", "-o", mid});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--swing"));
        r = run({"generate", model_, "--preset", "blues-f", "--band", "drums", "-o", mid});
        QCOMPARE(r.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestBand)
#include "test_band.moc"
