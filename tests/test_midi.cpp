// MIDI file reading and writing: hand-made bytes, round trips through disk, malformed input.
#include "Error.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace jazz;
using namespace jazz::midi;

namespace {

std::vector<uint8_t> header(int format, int ntracks, int division) {
    return {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, uint8_t(format), uint8_t(ntracks >> 8),
            uint8_t(ntracks), uint8_t(division >> 8), uint8_t(division)};
}

std::vector<uint8_t> trackChunk(const std::vector<uint8_t>& body) {
    // Sized up front: GCC 12 warns (-Warray-bounds, a false positive) on inserting into the
    // eight-byte vector an initializer list makes.
    std::vector<uint8_t> out(8 + body.size());
    const uint8_t head[8] = {'M', 'T', 'r', 'k', uint8_t(body.size() >> 24),
                             uint8_t(body.size() >> 16), uint8_t(body.size() >> 8),
                             uint8_t(body.size())};
    std::copy(head, head + 8, out.begin());
    std::copy(body.begin(), body.end(), out.begin() + 8);
    return out;
}

std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Format 0, 96 ticks per quarter: a name, a tempo, a sysex, then C4 for a quarter and E4 for
// an eighth written with running status and note-on velocity 0 as note-off.
std::vector<uint8_t> smallFormat0() {
    const std::vector<uint8_t> body = {
        0x00, 0xFF, 0x03, 0x04, 'S', 'o', 'l', 'o',       // track name
        0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,         // 120 bpm
        0x00, 0xF0, 0x03, 0x7E, 0x7F, 0xF7,               // sysex, skipped
        0x00, 0xC0, 0x1A,                                 // program 26
        0x00, 0x90, 60, 100,                              // C4 on
        0x60, 60, 0,                                      // running status: C4 off at 96
        0x00, 64, 80,                                     // E4 on at 96
        0x30, 0x80, 64, 0,                                // E4 off at 144
        0x00, 0xFF, 0x2F, 0x00};
    return concat(header(0, 1, 96), trackChunk(body));
}

} // namespace

class TestMidi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsHandMadeFormat0() {
        const File f = parse(smallFormat0(), "small.mid");
        QCOMPARE(f.format, 0);
        QCOMPARE(f.ticksPerQuarter, 96);
        QCOMPARE(int(f.tracks.size()), 1);
        QCOMPARE(QString::fromStdString(f.tracks[0].name()), QString("Solo"));
        const Song s = toSong(f);
        QCOMPARE(s.bpm, 120.0);
        QCOMPARE(s.tracks[0].program, 26);
        const auto& n = s.tracks[0].notes;
        QCOMPARE(int(n.size()), 2);
        QCOMPARE(n[0].pitch, 60);
        QCOMPARE(n[0].start, 0.0);
        QCOMPARE(n[0].duration, 1.0);
        QCOMPARE(n[1].pitch, 64);
        QCOMPARE(n[1].start, 1.0);
        QCOMPARE(n[1].duration, 0.5);
        QCOMPARE(n[1].velocity, 80);
    }

    void restrikeEndsTheSoundingNote() {
        // C4 on at 0, on again at 48 (no off between), one off at 96: two notes, no overlap.
        const std::vector<uint8_t> body = {0x00, 0x90, 60, 100, 0x30, 0x90, 60, 90,
                                           0x30, 0x80, 60, 0,   0x00, 0xFF, 0x2F, 0x00};
        const Song s = toSong(parse(concat(header(0, 1, 96), trackChunk(body))));
        const auto& n = s.tracks[0].notes;
        QCOMPARE(int(n.size()), 2);
        QCOMPARE(n[0].duration, 0.5);
        QCOMPARE(n[1].start, 0.5);
        QCOMPARE(n[1].duration, 0.5);
    }

    void writesFormat1ThatReadsBackEqual() {
        Song song;
        song.bpm = 130;
        SongTrack solo;
        solo.name = "Solo";
        solo.program = 26;
        solo.notes = {{0.0, 0.5, 62, 90, 0}, {0.5, 0.25, 65, 80, 0}, {1.0, 1.0 / 3, 67, 70, 0}};
        SongTrack comp;
        comp.name = "Comping";
        comp.channel = 1;
        comp.program = 0;
        comp.notes = {{0.0, 4.0, 48, 60, 1}, {0.0, 4.0, 52, 60, 1}, {0.0, 4.0, 55, 60, 1}};
        song.tracks = {solo, comp};

        QTemporaryDir dir;
        const std::string path = dir.filePath("take.mid").toStdString();
        write(fromSong(song), path);
        const File back = read(path);
        QCOMPARE(back.format, 1);
        QCOMPARE(back.ticksPerQuarter, 480);
        QCOMPARE(int(back.tracks.size()), 3); // tempo track + two parts
        const Song s = toSong(back);
        QCOMPARE(qRound(s.bpm), 130);
        QCOMPARE(QString::fromStdString(s.tracks[1].name), QString("Solo"));
        QCOMPARE(s.tracks[1].program, 26);
        QCOMPARE(s.tracks[2].channel, 1);
        QCOMPARE(int(s.tracks[1].notes.size()), 3);
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(s.tracks[1].notes[i].pitch, solo.notes[i].pitch);
            QCOMPARE(s.tracks[1].notes[i].velocity, solo.notes[i].velocity);
            QVERIFY(std::abs(s.tracks[1].notes[i].start - solo.notes[i].start) < 1.0 / 480);
            QVERIFY(std::abs(s.tracks[1].notes[i].duration - solo.notes[i].duration) <
                    1.0 / 480);
        }
        QCOMPARE(int(s.tracks[2].notes.size()), 3);
        // Bytes are stable: serializing what we read gives the same file.
        QCOMPARE(serialize(back), serialize(fromSong(song)));
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto qb = [](const std::vector<uint8_t>& v) {
            return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size()));
        };
        QTest::newRow("empty") << QByteArray() << "byte 0: not a MIDI file";
        QTest::newRow("not midi") << QByteArray("RIFF....WAVEfmt ") << "byte 0: not a MIDI file";
        auto truncatedHeader = header(0, 1, 96);
        truncatedHeader.resize(10);
        QTest::newRow("truncated header") << qb(truncatedHeader) << "byte 4: header length 6";
        auto full = smallFormat0();
        auto truncated = full;
        truncated.resize(full.size() - 10);
        QTest::newRow("truncated chunk") << qb(truncated) << "byte 18: chunk length";
        QTest::newRow("absurd track count")
            << qb(concat(header(1, 65535, 96), trackChunk({0, 0xFF, 0x2F, 0})))
            << "byte 10: header announces 65535 tracks";
        auto hugeLength = concat(header(0, 1, 96), {'M', 'T', 'r', 'k', 0xFF, 0xFF, 0xFF, 0xF0});
        QTest::newRow("4 GB chunk length") << qb(hugeLength) << "byte 18: chunk length 4294967280";
        QTest::newRow("data byte without status")
            << qb(concat(header(0, 1, 96), trackChunk({0x00, 0x3C, 0x40})))
            << "byte 23: data byte 0x3c with no running status";
        QTest::newRow("vlq too long")
            << qb(concat(header(0, 1, 96), trackChunk({0x81, 0x81, 0x81, 0x81, 0x01})))
            << "byte 22: variable-length quantity longer than 4 bytes";
        QTest::newRow("meta past chunk")
            << qb(concat(header(0, 1, 96), trackChunk({0x00, 0xFF, 0x03, 0x40, 'a'})))
            << "meta event length 64 runs past the end";
        QTest::newRow("smpte") << qb(concat(header(0, 1, 0xE728), trackChunk({0, 0xFF, 0x2F, 0})))
                               << "byte 12: SMPTE time division";
        QTest::newRow("missing tracks")
            << qb(concat(header(1, 2, 96), trackChunk({0, 0xFF, 0x2F, 0})))
            << "header announces 2 tracks";
        QTest::newRow("system message in track")
            << qb(concat(header(0, 1, 96), trackChunk({0x00, 0xF8, 0x00})))
            << "byte 23: system message 0xf8";
    }

    void malformed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const std::vector<uint8_t> v(bytes.begin(), bytes.end());
        try {
            parse(v, "bad.mid");
            QFAIL("malformed input was accepted");
        } catch (const Error& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.startsWith("bad.mid: "), qPrintable(msg));
            QVERIFY2(msg.contains(expected), qPrintable(msg));
        }
    }

    void everyTruncationIsAnErrorNotACrash() {
        const auto full = smallFormat0();
        for (size_t n = 0; n < full.size() - 4; ++n) { // the last 4 bytes are end-of-track
            std::vector<uint8_t> cut(full.begin(), full.begin() + long(n));
            QVERIFY_THROWS_EXCEPTION(Error, parse(cut, "cut.mid"));
        }
    }

    void missingFileNamesThePath() {
        try {
            read("/nonexistent/solo.mid");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/solo.mid"));
        }
    }
};

QTEST_GUILESS_MAIN(TestMidi)
#include "test_midi.moc"
