// The jazz-studio command line, run as a separate process the way users and tools run it.
#include "SharedData.h"
#include "corpus/MusicXmlReader.h"
#include "generate/Continuation.h"
#include "generate/Progression.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "notation/MusicXmlWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <tuple>

namespace {

struct Run {
    int exitCode;
    QByteArray out, err;
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(JAZZ_STUDIO_BIN, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {-1, {}, "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// Two bars: a chord track (Dm7, G7) and a solo line.
std::string writeSolo(const QTemporaryDir& dir) {
    jazz::midi::Song song;
    jazz::midi::SongTrack comp;
    comp.name = "Comping";
    for (int p : {50, 53, 57, 60})
        comp.notes.push_back({0, 4, p, 70, 0});
    for (int p : {43, 47, 50, 53})
        comp.notes.push_back({4, 4, p, 70, 0});
    jazz::midi::SongTrack solo;
    solo.name = "Alto";
    solo.channel = 1;
    const int line[] = {74, 72, 69, 65, 67, 71, 74, 77, 76, 74};
    for (int i = 0; i < 10; ++i)
        solo.notes.push_back({i * 0.75, 0.5, line[i], 90, 1});
    song.tracks = {comp, solo};
    const std::string path = dir.filePath("solo.mid").toStdString();
    jazz::midi::write(jazz::midi::fromSong(song), path);
    return path;
}

// The solo line of writeSolo alone: two bars of melody, no chords.
std::string writeMelodyOnly(const QTemporaryDir& dir) {
    jazz::midi::Song song;
    jazz::midi::SongTrack solo;
    solo.name = "Alto";
    const int line[] = {74, 72, 69, 65, 67, 71, 74, 77, 76, 74};
    for (int i = 0; i < 10; ++i)
        solo.notes.push_back({i * 0.75, 0.5, line[i], 90, 0});
    song.tracks = {solo};
    const std::string path = dir.filePath("melody.mid").toStdString();
    jazz::midi::write(jazz::midi::fromSong(song), path);
    return path;
}

// The solo track's notes of a MIDI file starting in bars [from, to) (0-based), as
// (start, duration, pitch): the grid a --quantized take is written on.
std::vector<std::tuple<double, double, int>> soloBars(const QString& path, int from, int to) {
    std::vector<std::tuple<double, double, int>> out;
    for (const auto& t : jazz::midi::toSong(jazz::midi::read(path.toStdString())).tracks)
        if (t.name == "Solo")
            for (const auto& n : t.notes)
                if (n.start >= from * 4.0 - 1e-6 && n.start < to * 4.0 - 1e-6)
                    out.emplace_back(n.start, n.duration, n.pitch);
    return out;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpusJson() {
        QTemporaryDir dir;
        const QString path = QString::fromStdString(writeSolo(dir));
        const Run r = run({"corpus", path, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        for (const char* key : {"tracks", "melody_track", "chord_track", "measures", "corpus",
                                "vocabulary"})
            QVERIFY2(o.contains(key), key);
        QCOMPARE(o["tracks"].toArray().size(), 3); // tempo track, comping, alto
        QCOMPARE(o["melody_track"].toInt(), 2);
        QCOMPARE(o["chord_track"].toInt(), 1);
        const QJsonArray measures = o["measures"].toArray();
        QCOMPARE(measures.size(), 2);
        QCOMPARE(measures[0].toObject()["chords"].toArray()[0].toString(), QString("Dm7"));
        QCOMPARE(measures[1].toObject()["chords"].toArray()[0].toString(), QString("G7"));
        const QJsonArray corpus = o["corpus"].toArray();
        QCOMPARE(corpus[0].toString(), QString("C,0.500")); // D5 over Dm7, no range
        QCOMPARE(corpus.size(), o["corpus_length"].toInt());
        QVERIFY(o["vocabulary"].toArray().size() <= corpus.size());
    }

    void corpusText() {
        QTemporaryDir dir;
        const QString path = QString::fromStdString(writeSolo(dir));
        const Run r = run({"corpus", path, "--melody-track", "Alto", "--chord-track", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains("Melody: track 2 \"Alto\" (chosen by the user)"));
        QVERIFY(text.contains("bar    1: Dm7"));
        QVERIFY(text.contains("vocabulary:"));
    }

    void badInputExitsNonZeroWithTheReason() {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.mid");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A header for two tracks, then a track chunk that claims 256 bytes and has none.
        static const char broken_[] = "MThd\0\0\0\6\0\1\0\2\0\x60MTrk\0\0\1\0";
        f.write(broken_, sizeof broken_ - 1);
        f.close();
        Run r = run({"corpus", broken});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(broken.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("byte"), r.err.constData());
        QVERIFY(r.out.isEmpty());

        r = run({"corpus", dir.filePath("missing.mid")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.mid: cannot open"));

        r = run({"corpus", QString::fromStdString(writeSolo(dir)), "--window", "9:3"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("window '9:3'"));

        r = run({"corpus"});
        QCOMPARE(r.exitCode, 2);
        r = run({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'frobnicate'"));
    }

    // chords --json: {"bars": [[{symbol, name, pitches}...]...], "errors": [{bar, symbol,
    // reason}...]}, every refused symbol listed, exit 1 when any was refused.
    void chordsJsonContract() {
        Run r = run({"chords", "| Dm7 G7(b9 #11) | % | CΔ7 N.C. |", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.keys(), QStringList({"bars", "errors"}));
        const QJsonArray bars = o["bars"].toArray();
        QCOMPARE(bars.size(), 3);
        const QJsonObject g7 = bars[0].toArray()[1].toObject();
        QCOMPARE(g7.keys(), QStringList({"name", "pitches", "symbol"}));
        QCOMPARE(g7["symbol"].toString(), QString("G7(b9#11)"));
        QCOMPARE(g7["name"].toString(), QString("G7b9#11"));
        QCOMPARE(g7["pitches"].toArray(), QJsonArray({55, 59, 62, 65, 68, 73}));
        QCOMPARE(bars[1].toArray()[0].toObject()["name"].toString(), QString("Dm7")); // %
        const QJsonObject cmaj = bars[2].toArray()[0].toObject();
        QCOMPARE(cmaj["symbol"].toString(), QString::fromUtf8("CΔ7"));
        QCOMPARE(cmaj["name"].toString(), QString("Cmaj7"));
        QCOMPARE(cmaj["pitches"].toArray(), QJsonArray({48, 52, 55, 59}));
        QCOMPARE(bars[2].toArray()[1].toObject()["name"].toString(), QString("N.C."));
        QVERIFY(bars[2].toArray()[1].toObject()["pitches"].toArray().isEmpty());
        QVERIFY(o["errors"].toArray().isEmpty());

        r = run({"chords", "| Dm7 Cq7 | G7 | H7 Cm7b5 c7 |", "--json"});
        QCOMPARE(r.exitCode, 1);
        o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["bars"].toArray().size(), 3);
        QCOMPARE(o["bars"].toArray()[2].toArray().size(), 1); // Cm7b5 only
        const QJsonArray errors = o["errors"].toArray();
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors[0].toObject(),
                 QJsonObject({{"bar", 1}, {"symbol", "Cq7"},
                              {"reason", "unknown chord quality 'q7'"}}));
        QCOMPARE(errors[1].toObject()["bar"].toInt(), 3);
        QCOMPARE(errors[1].toObject()["symbol"].toString(), QString("H7"));
        QCOMPARE(errors[2].toObject()["symbol"].toString(), QString("c7"));
        QVERIFY(errors[2].toObject()["reason"].toString().contains("capitals"));
    }

    // chords --file reads the same chart text, line breaks ending bars too; the text output
    // names each chord and its pitches, and each refusal goes to stderr with file and bar.
    void chordsFromAFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("tune.txt");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("| Cm69 C9sus4 | G7#5b9 |\nAm+ Db9#11\nC7#5#9 | EbM7b5 CM6 |\n"
                "D9#5 F13#11\nD7b9#11 G13b9 | E2 C7sus4b9\n| Cq7 |\n");
        f.close();
        Run r = run({"chords", "--file", path});
        QCOMPARE(r.exitCode, 1);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains("bar    1:  Cm6/9 [48 51 55 57 62]  C9sus4 [48 53 55 58 62]"),
                 r.out.constData());
        QVERIFY(text.contains("bar    3:  Am(#5) [57 60 65]  Db9#11"));
        QCOMPARE(text.count("\n"), 9);
        QCOMPARE(QString::fromUtf8(r.err).trimmed(),
                 "jazz-studio chords: " + path +
                     ": bar 9: chord symbol 'Cq7': unknown chord quality 'q7'");

        r = run({"chords", "--file", path, "--json"});
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["bars"].toArray().size(), 9);
        QCOMPARE(o["errors"].toArray().size(), 1);

        r = run({"chords", "--file", dir.filePath("missing.txt")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.txt: cannot open"));
        r = run({"chords"});
        QCOMPARE(r.exitCode, 2);
        r = run({"chords", "| C |", "--file", path});
        QCOMPARE(r.exitCode, 2);
        r = run({"chords", " | | "});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no chords"));
    }

    // --chord-aware: the model takes 17 more inputs per step (4 x 16 more weights each), says
    // so in info, and generates like any other; --notebook generates the notebook's way.
    void chordAwareTrainAndNotebookGenerate() {
        QTemporaryDir dir;
        const QString solo = QString::fromStdString(writeSolo(dir));
        const QString model = dir.filePath("ca.jzm");
        Run r = run({"train", solo, "--epochs", "5", "--tx", "4", "--windows", "all", "--hidden",
                     "16", "--chord-aware", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({"info", model, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject info = QJsonDocument::fromJson(r.out).object();
        const int v = info["vocabulary_size"].toInt();
        QCOMPARE(info["parameters"].toInt(), v * 64 + 16 * 64 + 64 + 16 * v + v + 17 * 64);
        QCOMPARE(info["chord_aware"].toBool(), true);
        QCOMPARE(info["format_version"].toInt(), 2);
        r = run({"info", model});
        QVERIFY(r.out.contains("chord-aware"));
        const QString mid = dir.filePath("take.mid");
        for (const QStringList& extra : {QStringList{}, QStringList{"--notebook"}}) {
            r = run(QStringList{"generate", model, "--preset", "blues-f", "-o", mid, "--json"} + extra);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(QJsonDocument::fromJson(r.out).object()["bars"].toArray().size(), 12);
        }
    }

    // A folder of 12 solos and 3 unusable files: the collection recipe (more than 10 files),
    // one JSON object per epoch with the contract's keys, then the summary naming each skipped
    // file and its reason. --strict refuses the same folder, naming a bad file.
    void trainCollectionFolderJson() {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("sub");
        for (int i = 0; i < 12; ++i) {
            jazz::midi::Song song;
            jazz::midi::SongTrack comp, solo;
            comp.name = "Piano";
            solo.name = "Tenor";
            solo.channel = 1;
            for (int b = 0; b < 8; ++b)
                for (int p : {50, 53, 57, 60})
                    comp.notes.push_back({b * 4.0, 4, p + (b % 2) * 5, 70, 0});
            for (int k = 0; k < 60; ++k)
                solo.notes.push_back({k * 0.5, 0.4, 60 + (k * (i + 3)) % 17, 90, 1});
            song.tracks = {comp, solo};
            jazz::midi::write(jazz::midi::fromSong(song),
                              dir.filePath(QString(i % 2 ? "sub/" : "") + "s%1.mid").arg(i).toStdString());
        }
        QFile bad(dir.filePath("sub/broken.mid"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("MThd garbage");
        bad.close();
        QFile empty(dir.filePath("empty.midi"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        jazz::midi::Song lonely; // a melody and nothing else
        jazz::midi::SongTrack line;
        line.name = "Harmonica";
        for (int k = 0; k < 30; ++k)
            line.notes.push_back({k * 0.5, 0.4, 64 + k % 5, 90, 0});
        lonely.tracks = {line};
        jazz::midi::write(jazz::midi::fromSong(lonely), dir.filePath("melody_only.mid").toStdString());

        const QString model = dir.filePath("c.jzm");
        Run r = run({"train", dir.path(), "--epochs", "2", "--hidden", "16", "--json", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 2);
        for (int i = 0; i + 1 < lines.size(); ++i) {
            const QJsonObject e = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(e["epoch"].toInt(), i + 1);
            for (const char* k : {"loss", "val_loss", "lr", "seconds"})
                QVERIFY2(e[k].toDouble() > 0, k);
        }
        const QJsonObject s = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(s["recipe"].toString(), QString("collection"));
        QCOMPARE(s["files_used"].toInt(), 12);
        const QJsonArray skipped = s["files_skipped"].toArray();
        QCOMPARE(skipped.size(), 3);
        QStringList names;
        for (const auto& f : skipped) {
            names << QFileInfo(f.toObject()["file"].toString()).fileName();
            QVERIFY(!f.toObject()["reason"].toString().isEmpty());
        }
        names.sort();
        QCOMPARE(names, (QStringList{"broken.mid", "empty.midi", "melody_only.mid"}));
        for (const char* k : {"values", "vocabulary", "best_epoch", "val_loss_per_value",
                              "ngram_val_loss_per_value", "seconds"})
            QVERIFY2(s[k].toDouble() > 0, k);
        QVERIFY(QFileInfo::exists(model));

        r = run({"train", dir.path(), "--strict", "--epochs", "1", "-o", dir.filePath("x.jzm")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("empty.midi") || r.err.contains("melody_only.mid") ||
                     r.err.contains("broken.mid"),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("x.jzm")));
    }

    // bench all measures every row of the performance table (short playback run, a small
    // synthetic collection here).
    void benchAllPrintsTheTable() {
        const Run r = run({"bench", "all", "--seconds", "2", "--files", "12", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(!o["machine"].toString().isEmpty());
        for (const char* k : {"train_notebook_s", "train_bundled_s", "generate_ms_per_chorus",
                              "render_x_realtime", "import_notes_per_s", "startup_s",
                              "scale_seconds_per_epoch"})
            QVERIFY2(o[k].toDouble() > 0, k);
        // The playback row needs a JACK server; where jackd runs, it is there.
        // Messages land on their frame (stamped from it), so a hair below 0 is possible.
        if (o.contains("playback_p99_ms")) {
            const double p99 = o["playback_p99_ms"].toDouble();
            QVERIFY2(o["playback_p99_ms"].isDouble() && p99 > -2 && p99 < 1000,
                     qPrintable(QString::number(p99)));
        }
    }

    // bench playback: the keys other tools read, with figures that fit together (3 s of 240 bpm
    // sixteenths are 48 notes, 96 events), and how much CPU the host took meanwhile.
    void benchPlaybackReportsLateness() {
        const Run r = run({"bench", "playback", "--seconds", "3", "--json"});
        if (r.exitCode != 0 && r.err.contains("cannot start a JACK server"))
            QSKIP(r.err.constData());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        for (const char* k : {"p50_ms", "p99_ms", "max_ms", "steal_pct", "events", "lost"})
            QVERIFY2(o.contains(k), k);
        QVERIFY(o["p50_ms"].toDouble() <= o["p99_ms"].toDouble());
        QVERIFY(o["p99_ms"].toDouble() <= o["max_ms"].toDouble());
        QCOMPARE(o["events"].toInt() + o["lost"].toInt(), 96);
        QVERIFY(o["events"].toInt() > 48);
        const double steal = o["steal_pct"].toDouble();
        QVERIFY2(steal >= 0 && steal <= 100, qPrintable(QString::number(steal)));
    }

    void trainGenerateInfoRender() {
        QTemporaryDir dir;
        const QString solo = QString::fromStdString(writeSolo(dir));
        const QString model = dir.filePath("m.jzm");
        Run r = run({"train", solo, "--epochs", "5", "--tx", "4", "--windows", "all", "--hidden",
                     "16", "--json", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6); // five epochs and the summary
        const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(summary["recipe"].toString(), QString("notebook"));
        QCOMPARE(summary["files_used"].toInt(), 1);
        QVERIFY(summary["val_loss_per_value"].isNull());
        for (int i = 0; i < 5; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(o["epoch"].toInt(), i + 1);
            QVERIFY(o["loss"].toDouble() > 0);
        }

        r = run({"info", model, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject info = QJsonDocument::fromJson(r.out).object();
        const int v = info["vocabulary_size"].toInt();
        QCOMPARE(info["parameters"].toInt(), v * 64 + 16 * 64 + 64 + 16 * v + v);
        QCOMPARE(info["n_a"].toInt(), 16);
        QCOMPARE(info["epochs"].toInt(), 5);
        QVERIFY(info["last_loss"].toDouble() < info["first_loss"].toDouble());

        const QString mid = dir.filePath("take.mid"), wav = dir.filePath("take.wav");
        r = run({"generate", model, "--preset", "ii-v-i-bb", "--choruses", "2", "--seed", "4",
                 "--tempo", "150", "-o", mid, "--wav", wav, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject g = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(g["bars"].toArray().size(), 8);
        QVERIFY(QFileInfo(mid).size() > 0 && QFileInfo(wav).size() > 44);
        QCOMPARE(g["seconds"].toDouble(), 8 * 4 * 60.0 / 150);

        const QString wav2 = dir.filePath("again.wav");
        r = run({"render", mid, "-o", wav2});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo(wav2).size() > 44);

        // Clear errors, non-zero exits.
        r = run({"generate", model, "-o", mid});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(
            r.err.contains("exactly one of --chords, --preset, --corpus-chords or --chords-from"));
        r = run({"generate", model, "--chords", "| Dm7 | Xyz |", "-o", mid});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("bar 2: chord symbol 'Xyz'"));
        r = run({"info", solo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not a Jazz Studio model file"));
        r = run({"train", solo, "-o", model, "--epochs", "many"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--epochs expects a whole number"));
        r = run({"render", mid, "-o", wav2, "--soundfont", dir.filePath("none.sf2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("none.sf2: SoundFont file not found"));
    }

    // A melody-only file trains over changes given as text or as a chord-chart file; a bar
    // count that does not fit, or no changes at all, is refused with the reason.
    void melodyOnlyTrainsWithChords() {
        QTemporaryDir dir;
        const QString melody = QString::fromStdString(writeMelodyOnly(dir));
        Run r = run({"corpus", melody, "--chords", "| Dm7 | G7 |", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject c = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(c["chord_track"].toInt(), -1);
        QCOMPARE(c["chord_reason"].toString(), QString("the changes given"));
        const QJsonArray measures = c["measures"].toArray();
        QCOMPARE(measures.size(), 2);
        QCOMPARE(measures[0].toObject()["chords"].toArray()[0].toString(), QString("Dm7"));
        QCOMPARE(measures[1].toObject()["chords"].toArray()[0].toString(), QString("G7"));

        const QString model = dir.filePath("m.jzm");
        r = run({"train", melody, "--chords", "| Dm7 | G7 |", "--epochs", "2", "--tx", "4",
                 "--windows", "all", "--hidden", "8", "--json", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed().split('\n').size(), 3); // two epochs and the summary
        QVERIFY(QFileInfo(model).size() > 0);

        const QString chart = dir.filePath("tune.txt");
        QFile f(chart);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# two bars\nDm7\nG7 # the V\n");
        f.close();
        r = run({"train", melody, "--chords-file", chart, "--epochs", "1", "--tx", "4", "--hidden",
                 "8", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = run({"train", melody, "--chords", "| Dm7 | G7 | Cmaj7 |", "-o", model});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("melody.mid: the changes have 3 bars but the melody spans 2 bars"),
                 r.err.constData());
        r = run({"train", melody, "-o", model});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no chordal track") && r.err.contains("--chords"),
                 r.err.constData());
        r = run({"train", melody, "--chords", "| Dm7 |", "--chords-file", chart, "-o", model});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not both"));
    }

    // generate --chords-from: a link, or a file holding one; a playlist needs --tune.
    // --from TAKE --bars 5:8 regenerates bars 5-8 in place: bars 1-4 and 9-12 keep every note,
    // the same seed gives the same bars; --prime continues a phrase after its unchanged bars.
    void regenerateAndContinue() {
        QTemporaryDir dir;
        const QString solo = QString::fromStdString(writeSolo(dir));
        const QString model = dir.filePath("m.jzm");
        Run r = run({"train", "--epochs", "3", "--hidden", "16", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString take = dir.filePath("take.mid"), a = dir.filePath("a.mid"),
                      b = dir.filePath("b.mid"), c = dir.filePath("c.mid");
        r = run({"generate", model, "--preset", "blues-f", "--seed", "3", "--band", "none",
                 "--quantized", "-o", take});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const QString& out : {a, b}) {
            r = run({"generate", model, "--from", take, "--bars", "5:8", "--seed", "9", "--band",
                     "none", "--quantized", "-o", out, "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(QJsonDocument::fromJson(r.out).object()["bars"].toArray().size(), 12);
        }
        r = run({"generate", model, "--from", take, "--bars", "5:8", "--seed", "10", "--band",
                 "none", "--quantized", "-o", c});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!soloBars(take, 0, 4).empty());
        QCOMPARE(soloBars(a, 0, 4), soloBars(take, 0, 4));
        QCOMPARE(soloBars(a, 8, 12), soloBars(take, 8, 12));
        QCOMPARE(soloBars(a, 0, 12), soloBars(b, 0, 12));
        QVERIFY(soloBars(a, 4, 8) != soloBars(take, 4, 8) ||
                soloBars(c, 4, 8) != soloBars(take, 4, 8));
        QVERIFY(soloBars(a, 4, 8) != soloBars(c, 4, 8));
        QCOMPARE(soloBars(c, 8, 12), soloBars(take, 8, 12));

        // A take played with swing and human timing reads back onto its grid: regenerating it
        // keeps the other bars' written notes.
        const QString swung = dir.filePath("swung.mid"), redone = dir.filePath("redone.mid");
        r = run({"generate", model, "--preset", "blues-f", "--seed", "3", "--band", "none", "-o",
                 swung});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({"generate", model, "--from", swung, "--bars", "2:3", "--seed", "9", "--band",
                 "none", "-o", redone});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto before = jazz::generate::readPhrase(swung.toStdString(), 1.65);
        const auto after = jazz::generate::readPhrase(redone.toStdString(), 1.65);
        auto grid = [](const jazz::generate::Phrase& p, int from, int to) {
            std::vector<jazz::generate::SoloNote> v;
            for (const auto& n : p.notes)
                if (n.start >= from * 4.0 - 1e-6 && n.start < to * 4.0 - 1e-6)
                    v.push_back(n);
            return v;
        };
        QVERIFY(!before.onGrid);
        QCOMPARE(grid(after, 3, 12), grid(before, 3, 12));
        QCOMPARE(grid(after, 0, 1), grid(before, 0, 1));
        // Read back onto the grid, the swung take is the quantized take of the same seed.
        const auto quantized = jazz::generate::readPhrase(take.toStdString(), 1.65);
        QVERIFY(quantized.onGrid);
        QCOMPARE(grid(before, 0, 12), grid(quantized, 0, 12));

        // Bad ranges: clear errors.
        for (const char* bad : {"5:20", "8:5", "0:3", "x", "3"}) {
            r = run({"generate", model, "--from", take, "--bars", bad, "-o", c});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("--bars"), r.err.constData());
        }
        r = run({"generate", model, "--from", take, "--bars", "5:20", "-o", c});
        QVERIFY2(r.err.contains("has 12 bars"), r.err.constData());
        r = run({"generate", model, "--from", take, "-o", c});
        QVERIFY(r.err.contains("--from needs --bars"));
        r = run(
            {"generate", model, "--from", take, "--bars", "1:2", "--preset", "ii-v-i-c", "-o", c});
        QVERIFY2(r.err.contains("has 12 bars, the chords"), r.err.constData());
        r = run({"generate", model, "--from", take, "--bars", "1:2", "--prime", solo, "-o", c});
        QVERIFY(r.err.contains("take's own chords"));
        // The changes as written instead of as read back: the kept bars stay.
        r = run({"generate", model, "--from", take, "--bars", "5:8", "--seed", "9", "--preset",
                 "blues-f", "--band", "none", "--quantized", "-o", c});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(soloBars(c, 0, 4), soloBars(take, 0, 4));
        QCOMPARE(soloBars(c, 8, 12), soloBars(take, 8, 12));

        // --prime: the phrase's two bars first, unchanged, then the progression's four.
        const QString cont = dir.filePath("cont.mid");
        r = run({"generate", model, "--preset", "ii-v-i-c", "--prime", solo, "--band", "none",
                 "--quantized", "-o", cont, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const int progBars = int(jazz::generate::Progression::preset("ii-v-i-c").bars.size());
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["bars"].toArray().size(), 2 + progBars);
        std::vector<std::tuple<double, double, int>> phrase;
        for (const auto& t : jazz::midi::toSong(jazz::midi::read(solo.toStdString())).tracks)
            if (t.name == "Alto")
                for (const auto& n : t.notes)
                    phrase.emplace_back(n.start, n.duration, n.pitch);
        QCOMPARE(soloBars(cont, 0, 2), phrase);
        QVERIFY(!soloBars(cont, 2, 2 + progBars).empty());
    }

    // A real solo (a transcription, a player's own file: human timing, its own dynamics, no
    // track named "Solo") keeps what was played: --prime puts its bars first and --from keeps
    // every bar outside the range exactly as in the file (timing and velocity), with the
    // performance stage (swing, dynamics, human timing) on, as a musician runs it.
    void realSoloBarsComeOutAsPlayed() {
        QTemporaryDir dir;
        jazz::midi::Song song;
        jazz::midi::SongTrack comp;
        comp.name = "Piano";
        const int roots[] = {50, 43, 48, 45};
        for (int bar = 0; bar < 4; ++bar)
            for (int i : {0, 3, 7, 10}) // off the beat: a chord track that starts late
                comp.notes.push_back({bar * 4.0 + (bar == 0 ? 1.5 : 0), 2, roots[bar] + i, 60, 0});
        jazz::midi::SongTrack lead;
        lead.name = "Tenor";
        lead.channel = 1;
        const int line[] = {74, 72, 69, 65, 67, 71, 74, 77, 76, 74, 72, 71, 69, 67, 65, 64};
        for (int i = 0; i < 16; ++i) // late and early by a few hundredths, uneven dynamics
            lead.notes.push_back({i + 0.03 * ((i % 3) - 1), 0.61, line[i], 60 + 4 * (i % 7), 1});
        song.tracks = {comp, lead};
        const QString played = dir.filePath("played.mid");
        jazz::midi::write(jazz::midi::fromSong(song), played.toStdString());
        const QString model = dir.filePath("m.jzm");
        Run r = run({"train", "--epochs", "3", "--hidden", "16", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        using Note = std::tuple<long, long, int, int>; // ticks at 480 a beat, pitch, velocity
        auto notes = [](const QString& path, const QString& track, int from, int to) {
            std::vector<Note> out;
            for (const auto& t : jazz::midi::toSong(jazz::midi::read(path.toStdString())).tracks)
                if (t.name == track.toStdString())
                    for (const auto& n : t.notes)
                        if (n.start >= from * 4.0 - 0.04 && n.start < to * 4.0 - 0.04)
                            out.emplace_back(std::lround(n.start * 480),
                                             std::lround(n.duration * 480), n.pitch, n.velocity);
            return out;
        };
        const auto asPlayed = notes(played, "Tenor", 0, 4);
        QCOMPARE(int(asPlayed.size()), 16);

        const QString cont = dir.filePath("cont.mid");
        r = run({"generate", model, "--prime", played, "--preset", "ii-v-i-c", "--band", "none",
                 "-o", cont});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(notes(cont, "Solo", 0, 4), asPlayed);

        const QString redone = dir.filePath("redone.mid");
        r = run({"generate", model, "--from", played, "--bars", "2:2", "--seed", "5", "--band",
                 "none", "-o", redone, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto bars = QJsonDocument::fromJson(r.out).object()["bars"].toArray();
        QCOMPARE(bars.size(), 4);
        QCOMPARE(bars[1].toObject()["origin"].toString(), QString("generated"));
        QCOMPARE(bars[0].toObject()["origin"].toString(), QString("primed"));
        QCOMPARE(notes(redone, "Solo", 0, 1), notes(played, "Tenor", 0, 1));
        QCOMPARE(notes(redone, "Solo", 2, 4), notes(played, "Tenor", 2, 4));
        QVERIFY(notes(redone, "Solo", 1, 2) != notes(played, "Tenor", 1, 2));
        // With the band: MMA plays the file's chords, the first one struck late in its bar.
        if (!QStandardPaths::findExecutable("mma").isEmpty()) {
            r = run({"generate", model, "--from", played, "--bars", "2:2", "-o", redone});
            QVERIFY2(r.exitCode == 0 && r.out.contains("Band: Swing1Walk"),
                     (r.out + r.err).constData());
        }
    }

    void generateFromIRealLink() {
        QTemporaryDir dir;
        const QString solo = QString::fromStdString(writeSolo(dir));
        const QString model = dir.filePath("m.jzm");
        Run r = run({"train", solo, "--epochs", "1", "--tx", "4", "--hidden", "8", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString mid = dir.filePath("take.mid");
        const QString playlist = "irealbook://First=Doe Jane=Swing=C=n=[T44C^7 |A-7 |D-7 |G7 Z"
                                 "===Second=Roe Jim=Waltz=F=n={T34F^7 |Bb7 }===Set";
        r = run({"generate", model, "--chords-from", playlist, "-o", mid});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("1 \"First\", 2 \"Second\""), r.err.constData());
        r = run({"generate", model, "--chords-from", playlist, "--tune", "Second", "-o", mid,
                 "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["bars"].toArray().size(), 4);
        // An exported page holding an irealb:// link.
        const QString page = dir.filePath("tune.html");
        QFile f(page);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<html><a href=\"irealb://Mine=Me==Medium%20Swing=C==1r34LbKcu7"
                "[T44C^7XyQ|A-7XyQ|D-7XyQ|G7XyQZ==140=3\">Mine</a></html>");
        f.close();
        r = run({"generate", model, "--chords-from", page, "-o", mid, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray bars = QJsonDocument::fromJson(r.out).object()["bars"].toArray();
        QCOMPARE(bars.size(), 4);
        r = run({"generate", model, "--chords-from", dir.filePath("none.html"), "-o", mid});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("neither an iReal Pro link"), r.err.constData());
    }

    // MusicXML works where a MIDI solo does: corpus (with --melody-part), train, and generate
    // writes the take as a lead sheet (--musicxml) holding the notes of its MIDI file.
    void musicXmlCorpusTrainGenerate() {
        QTemporaryDir dir;
        jazz::generate::Arrangement a;
        a.solo.progression = jazz::generate::Progression::parse("| Dm7 | G7 | Cmaj7 | A7b9 |");
        const int line[] = {62, 65, 69, 72, 71, 67, 65, 62, 64, 67, 71, 74, 73, 69, 67, 64};
        for (int i = 0; i < 16; ++i)
            a.solo.notes.push_back({i * 1.0, i % 4 == 3 ? 0.5 : 1.0, line[i], 90});
        const QString sheet = dir.filePath("lines.musicxml");
        jazz::notation::writeMusicXml(a, sheet.toStdString(), "Lines");

        Run r = run({"corpus", sheet, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["melody_track_name"].toString(), QString("Solo"));
        QCOMPARE(o["measures"].toArray().size(), 4);
        QCOMPARE(o["measures"].toArray()[3].toObject()["chords"].toArray()[0].toString(),
                 QString("A7b9"));
        QCOMPARE(o["corpus_length"].toInt(), 20); // 16 notes, 4 rests
        r = run({"corpus", sheet, "--melody-part", "P1:1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Melody: part 0 \"Solo\" (chosen by the user, voice 1)"),
                 r.out.constData());
        r = run({"corpus", sheet, "--melody-part", "Nope"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("lines.musicxml: no part 'Nope'"), r.err.constData());

        const QString model = dir.filePath("m.jzm");
        r = run({"train", sheet, "--melody-part", "Solo", "--epochs", "3", "--tx", "4", "--windows",
                 "all", "--hidden", "16", "-o", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString mid = dir.filePath("take.mid"), xml = dir.filePath("take.musicxml");
        // --quantized: the MIDI on the grid, as the lead sheet is (the default is as played).
        r = run({"generate", model, "--preset", "blues-f", "--seed", "3", "-o", mid, "--musicxml",
                 xml, "--quantized", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["musicxml"].toString(), xml);
        const auto song = jazz::midi::toSong(jazz::midi::read(mid.toStdString()));
        const auto solo = std::find_if(song.tracks.begin(), song.tracks.end(),
                                       [](const auto& t) { return t.name == "Solo"; });
        QVERIFY(solo != song.tracks.end());
        const auto back = jazz::corpus::readMusicXml(xml.toStdString());
        std::vector<jazz::corpus::MelodyEvent> notes;
        for (const auto& m : back.measures)
            for (const auto& e : m.melody)
                if (e.kind != jazz::corpus::MelodyEvent::Rest)
                    notes.push_back(e);
        QCOMPARE(back.measures.size(), size_t(12));
        QVERIFY(!solo->notes.empty());
        QCOMPARE(notes.size(), solo->notes.size());
        for (size_t i = 0; i < notes.size(); ++i) {
            QCOMPARE(notes[i].pitches.front(), solo->notes[i].pitch);
            QVERIFY(std::abs(notes[i].offset - solo->notes[i].start) < 1.0 / 24);
        }
        // Only the lead sheet.
        const QString only = dir.filePath("only.musicxml");
        r = run({"generate", model, "--preset", "blues-f", "--musicxml", only, "--title", "Only"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(only);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<work-title>Only</work-title>"));
    }

    void methenyFigures() {
        REQUIRE_METHENY(path);
        const Run r = run({"corpus", path, "--melody-track", "Guitar", "--chord-track", "Piano",
                           "--window", "476:548", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["melody_track_name"].toString(), QString("Guitar"));
        QCOMPARE(o["measures"].toArray().size(), 18);
        QCOMPARE(o["chord_groups"].toInt(), 19);
        QCOMPARE(o["corpus"].toArray().size(), 275);
        QCOMPARE(o["vocabulary"].toArray().size(), 90);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
