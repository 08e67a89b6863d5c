// The fuzz targets in the ordinary build: every saved regression input (tests/fuzz/regressions)
// and every seed goes through its target, and a few thousand deterministic mutations of the
// seeds must each be accepted or refused with jazz::Error (the targets abort on anything else).
// The real fuzzing is the libFuzzer build (tests/fuzz, JAZZ_FUZZ=ON).
#include "fuzz/FuzzTargets.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <random>

using namespace jazz;

class TestFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Per target: its seeds and its saved regression inputs all go through it, and a target
    // with nothing to replay (no seeds, or an empty regression folder) fails instead of passing
    // by doing nothing.
    void replayedPerTarget_data() {
        QTest::addColumn<int>("target");
        for (size_t i = 0; i < fuzz::targets().size(); ++i)
            QTest::newRow(fuzz::targets()[i].name) << int(i);
    }
    void replayedPerTarget() {
        QFETCH(int, target);
        const auto& t = fuzz::targets()[size_t(target)];
        const auto seeds = fuzz::seeds(t.name);
        QVERIFY2(!seeds.empty(), t.name);
        int replayed = 0;
        for (const auto& s : seeds) {
            t.run(s.data(), s.size());
            ++replayed;
        }
        const QDir dir(QStringLiteral(JAZZ_SOURCE_DIR "/tests/fuzz/regressions/") + t.name);
        if (dir.exists()) {
            const QStringList files = dir.entryList(QDir::Files);
            QVERIFY2(!files.isEmpty(), qPrintable(dir.path() + " is empty"));
            for (const QString& f : files) {
                QFile in(dir.filePath(f));
                QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
                const QByteArray b = in.readAll();
                t.run(reinterpret_cast<const uint8_t*>(b.constData()), size_t(b.size()));
                ++replayed;
            }
            QCOMPARE(replayed, int(seeds.size()) + int(files.size()));
        }
        QVERIFY2(replayed > 0, t.name);
    }

    // Every saved regression input is replayed: each folder under regressions/ is named after
    // a target (a misspelt folder would silently never run) and holds only input files.
    void everyRegressionInputBelongsToATarget() {
        const QDir root(QStringLiteral(JAZZ_SOURCE_DIR "/tests/fuzz/regressions"));
        QVERIFY2(root.exists(), qPrintable(root.path()));
        QStringList names;
        for (const auto& t : fuzz::targets())
            names << t.name;
        const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY2(!folders.isEmpty(), "no saved regression inputs at all");
        int inputs = 0;
        for (const QString& folder : folders) {
            QVERIFY2(names.contains(folder),
                     qPrintable("regressions/" + folder + " is no target's (" + names.join(", ") +
                                ")"));
            const QDir dir(root.filePath(folder));
            QVERIFY2(dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(),
                     qPrintable("regressions/" + folder + " holds a folder: not replayed"));
            inputs += int(dir.entryList(QDir::Files).size());
        }
        QVERIFY(inputs > 0);
        // Only the README sits beside the folders.
        QCOMPARE(root.entryList(QDir::Files), QStringList{"README.md"});
    }

    void seedsAndMutations() {
        std::mt19937 rng(12345);
        for (const auto& t : fuzz::targets()) {
            const auto seeds = fuzz::seeds(t.name);
            QVERIFY2(!seeds.empty(), t.name);
            for (const auto& s : seeds)
                t.run(s.data(), s.size());
            for (int i = 0; i < 1500; ++i) {
                std::vector<uint8_t> m = seeds[rng() % seeds.size()];
                const int edits = 1 + int(rng() % 8);
                for (int e = 0; e < edits && !m.empty(); ++e) {
                    const size_t at = rng() % m.size();
                    switch (rng() % 4) {
                    case 0: m[at] = uint8_t(rng()); break;                     // overwrite
                    case 1: m.erase(m.begin() + long(at)); break;              // delete
                    case 2: m.insert(m.begin() + long(at), uint8_t(rng())); break; // insert
                    default: m.resize(at); break;                              // truncate
                    }
                }
                t.run(m.data(), m.size());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzz)
#include "test_fuzz.moc"
