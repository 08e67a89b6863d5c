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
    void regressionInputs() {
        const QDir root(QStringLiteral(JAZZ_SOURCE_DIR "/tests/fuzz/regressions"));
        QVERIFY(root.exists());
        int replayed = 0;
        for (const auto& t : fuzz::targets()) {
            const QDir dir(root.filePath(t.name));
            for (const QString& f : dir.entryList(QDir::Files)) {
                QFile in(dir.filePath(f));
                QVERIFY(in.open(QIODevice::ReadOnly));
                const QByteArray b = in.readAll();
                t.run(reinterpret_cast<const uint8_t*>(b.constData()), size_t(b.size()));
                ++replayed;
            }
        }
        qInfo("%d regression inputs replayed", replayed);
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
