#include "midi/MidiFile.h"

#include "Error.h"

#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace jazz::midi {

namespace {

// Cursor over the input that turns every overrun into an error naming the byte offset.
class Reader {
public:
    Reader(const std::vector<uint8_t>& bytes, std::string source)
        : bytes_(bytes), source_(std::move(source)) {}

    size_t pos() const { return pos_; }
    size_t size() const { return bytes_.size(); }
    size_t remaining() const { return bytes_.size() - pos_; }

    [[noreturn]] void fail(size_t offset, const std::string& what) const {
        std::ostringstream s;
        s << source_ << ": byte " << offset << ": " << what;
        throw Error(s.str());
    }

    void need(size_t n, const char* what) const {
        if (remaining() < n) {
            std::ostringstream s;
            s << "unexpected end of file, expected " << what << " (" << n << " bytes, "
              << remaining() << " left)";
            fail(pos_, s.str());
        }
    }

    uint8_t u8(const char* what) {
        need(1, what);
        return bytes_[pos_++];
    }
    uint8_t peek(const char* what) const {
        need(1, what);
        return bytes_[pos_];
    }
    uint32_t u16(const char* what) {
        need(2, what);
        uint32_t v = (uint32_t(bytes_[pos_]) << 8) | bytes_[pos_ + 1];
        pos_ += 2;
        return v;
    }
    uint32_t u32(const char* what) {
        need(4, what);
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | bytes_[pos_ + i];
        pos_ += 4;
        return v;
    }
    std::string tag() {
        need(4, "a chunk type");
        std::string t(bytes_.begin() + pos_, bytes_.begin() + pos_ + 4);
        pos_ += 4;
        return t;
    }
    // Variable-length quantity: at most 4 bytes (28 bits), as the SMF spec requires.
    uint32_t vlq(const char* what) {
        const size_t start = pos_;
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            uint8_t b = u8(what);
            v = (v << 7) | (b & 0x7F);
            if (!(b & 0x80))
                return v;
        }
        fail(start, std::string("variable-length quantity longer than 4 bytes in ") + what);
    }
    std::vector<uint8_t> bytes(size_t n, const char* what) {
        need(n, what);
        std::vector<uint8_t> out(bytes_.begin() + pos_, bytes_.begin() + pos_ + n);
        pos_ += n;
        return out;
    }
    void skip(size_t n, const char* what) {
        need(n, what);
        pos_ += n;
    }

private:
    const std::vector<uint8_t>& bytes_;
    std::string source_;
    size_t pos_ = 0;
};

int dataBytesFor(uint8_t status) {
    switch (status & 0xF0) {
    case 0xC0:
    case 0xD0:
        return 1;
    default:
        return 2;
    }
}

Track parseTrack(Reader& r, size_t end) {
    Track track;
    int64_t tick = 0;
    uint8_t running = 0;
    while (r.pos() < end) {
        const uint32_t delta = r.vlq("a delta time");
        tick += delta;
        const size_t at = r.pos();
        uint8_t b = r.peek("an event");
        Event ev;
        ev.tick = tick;
        if (b == 0xFF) {
            r.u8("meta");
            ev.status = 0xFF;
            ev.metaType = r.u8("a meta event type");
            const uint32_t len = r.vlq("a meta event length");
            if (r.pos() + len > end)
                r.fail(r.pos(), "meta event length " + std::to_string(len) +
                                    " runs past the end of its track chunk");
            ev.payload = r.bytes(len, "meta event data");
            // Meta and sysex events cancel running status (SMF 1.0 recommends it).
            running = 0;
            if (ev.metaType == MetaEndOfTrack) {
                track.events.push_back(std::move(ev));
                break;
            }
            track.events.push_back(std::move(ev));
            continue;
        }
        if (b == 0xF0 || b == 0xF7) {
            r.u8("sysex");
            const uint32_t len = r.vlq("a sysex length");
            if (r.pos() + len > end)
                r.fail(r.pos(), "sysex length " + std::to_string(len) +
                                    " runs past the end of its track chunk");
            r.skip(len, "sysex data"); // skipped: nothing here needs it
            running = 0;
            continue;
        }
        if (b >= 0xF1)
            r.fail(at, "system message 0x" + [b] {
                std::ostringstream s;
                s << std::hex << int(b);
                return s.str();
            }() + " is not allowed in a MIDI file track");
        if (b & 0x80) {
            running = r.u8("a status byte");
        } else if (!running) {
            std::ostringstream s;
            s << "data byte 0x" << std::hex << int(b) << std::dec
              << " with no running status (expected a status byte)";
            r.fail(at, s.str());
        }
        ev.status = running;
        const int n = dataBytesFor(running);
        const size_t dataAt = r.pos();
        ev.data1 = r.u8("a channel message data byte");
        if (n == 2)
            ev.data2 = r.u8("a channel message data byte");
        if ((ev.data1 & 0x80) || (ev.data2 & 0x80))
            r.fail(dataAt, "expected a data byte (< 0x80) in a channel message");
        if (r.pos() > end)
            r.fail(dataAt, "channel message runs past the end of its track chunk");
        track.events.push_back(std::move(ev));
    }
    return track;
}

} // namespace

std::string Track::name() const {
    for (const Event& e : events)
        if (e.isMeta() && e.metaType == MetaTrackName)
            return std::string(e.payload.begin(), e.payload.end());
    return {};
}

File parse(const std::vector<uint8_t>& bytes, const std::string& sourceName) {
    Reader r(bytes, sourceName);
    if (bytes.size() < 4 || r.tag() != "MThd")
        r.fail(0, "not a MIDI file (expected the header chunk \"MThd\")");
    const uint32_t headerLen = r.u32("the header length");
    if (headerLen < 6)
        r.fail(4, "header length " + std::to_string(headerLen) + " is shorter than 6");
    if (headerLen > r.remaining())
        r.fail(4, "header length " + std::to_string(headerLen) + " exceeds the file size");
    File file;
    file.format = int(r.u16("the format"));
    const uint32_t ntracks = r.u16("the track count");
    const uint32_t division = r.u16("the time division");
    if (file.format > 2)
        r.fail(8, "unknown MIDI file format " + std::to_string(file.format) +
                      " (expected 0, 1 or 2)");
    if (division & 0x8000)
        r.fail(12, "SMPTE time division is not supported (expected ticks per quarter note)");
    if (division == 0)
        r.fail(12, "time division is 0 ticks per quarter note");
    file.ticksPerQuarter = int(division);
    r.skip(headerLen - 6, "the rest of the header");
    // Every track needs at least an 8-byte chunk header: refuse absurd counts at once.
    if (uint64_t(ntracks) * 8 > r.remaining())
        r.fail(10, "header announces " + std::to_string(ntracks) + " tracks but only " +
                       std::to_string(r.remaining()) +
                       " bytes follow (truncated file or corrupt header)");
    while (file.tracks.size() < ntracks) {
        if (r.remaining() == 0)
            r.fail(r.pos(), "expected " + std::to_string(ntracks) + " tracks, found " +
                                std::to_string(file.tracks.size()));
        const size_t chunkAt = r.pos();
        const std::string tag = r.tag();
        const uint32_t len = r.u32("a chunk length");
        if (len > r.remaining())
            r.fail(chunkAt + 4, "chunk length " + std::to_string(len) + " exceeds the " +
                                    std::to_string(r.remaining()) + " bytes left in the file");
        if (tag != "MTrk") {
            r.skip(len, "an unknown chunk"); // the SMF spec says: ignore unknown chunks
            continue;
        }
        const size_t end = r.pos() + len;
        file.tracks.push_back(parseTrack(r, end));
        if (r.pos() > end)
            r.fail(end, "events run past the end of the track chunk that starts at byte " +
                            std::to_string(chunkAt));
        if (r.pos() < end)
            r.skip(end - r.pos(), "track padding");
    }
    return file;
}

File read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot open file");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    // SMF files are small; anything above 64 MiB is not a MIDI file we want in memory.
    if (size < 0 || size > (64 << 20))
        throw Error(path + ": file is too large for a MIDI file (" + std::to_string(size) +
                    " bytes)");
    in.seekg(0);
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), size);
    if (!in)
        throw Error(path + ": read error");
    return parse(bytes, path);
}

namespace {

void putU32(std::vector<uint8_t>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
        out.push_back(uint8_t(v >> s));
}

void putVlq(std::vector<uint8_t>& out, uint32_t v) {
    uint8_t buf[5];
    int n = 0;
    buf[n++] = v & 0x7F;
    while (v >>= 7)
        buf[n++] = uint8_t(0x80 | (v & 0x7F));
    while (n)
        out.push_back(buf[--n]);
}

} // namespace

std::vector<uint8_t> serialize(const File& file) {
    std::vector<uint8_t> out = {'M', 'T', 'h', 'd'};
    putU32(out, 6);
    const int format = file.tracks.size() <= 1 ? file.format : std::max(file.format, 1);
    out.push_back(0);
    out.push_back(uint8_t(format));
    out.push_back(uint8_t(file.tracks.size() >> 8));
    out.push_back(uint8_t(file.tracks.size()));
    out.push_back(uint8_t(file.ticksPerQuarter >> 8));
    out.push_back(uint8_t(file.ticksPerQuarter));
    for (const Track& t : file.tracks) {
        std::vector<uint8_t> body;
        int64_t last = 0;
        bool ended = false;
        for (const Event& e : t.events) {
            if (ended)
                break;
            putVlq(body, uint32_t(std::max<int64_t>(0, e.tick - last)));
            last = std::max(last, e.tick);
            if (e.isMeta()) {
                body.push_back(0xFF);
                body.push_back(e.metaType);
                putVlq(body, uint32_t(e.payload.size()));
                body.insert(body.end(), e.payload.begin(), e.payload.end());
                ended = e.metaType == MetaEndOfTrack;
            } else {
                body.push_back(e.status);
                body.push_back(e.data1 & 0x7F);
                if (dataBytesFor(e.status) == 2)
                    body.push_back(e.data2 & 0x7F);
            }
        }
        if (!ended) {
            body.push_back(0);
            body.push_back(0xFF);
            body.push_back(MetaEndOfTrack);
            body.push_back(0);
        }
        out.insert(out.end(), {'M', 'T', 'r', 'k'});
        putU32(out, uint32_t(body.size()));
        out.insert(out.end(), body.begin(), body.end());
    }
    return out;
}

void write(const File& file, const std::string& path) {
    const std::vector<uint8_t> bytes = serialize(file);
    QSaveFile out(QString::fromStdString(path));
    if (!out.open(QIODevice::WriteOnly))
        throw Error(path + ": cannot write: " + out.errorString().toStdString());
    if (out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) !=
            qint64(bytes.size()) ||
        !out.commit())
        throw Error(path + ": cannot write: " + out.errorString().toStdString());
}

} // namespace jazz::midi
