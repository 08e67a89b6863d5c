// Standard MIDI File data, reading and writing (format 0 and 1; format 2 read as format 1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::midi {

// Meta event types we interpret; others are kept as raw payload.
enum MetaType : uint8_t {
    MetaTrackName = 0x03,
    MetaEndOfTrack = 0x2F,
    MetaTempo = 0x51,
    MetaTimeSignature = 0x58,
    MetaKeySignature = 0x59,
};

// One event at an absolute tick. Channel messages keep status (0x80..0xEF) and up to two data
// bytes; meta events have status 0xFF, metaType and payload. Sysex is skipped by the reader.
struct Event {
    int64_t tick = 0;
    uint8_t status = 0;
    uint8_t data1 = 0;
    uint8_t data2 = 0;
    uint8_t metaType = 0;
    std::vector<uint8_t> payload;

    bool isMeta() const { return status == 0xFF; }
    int channel() const { return status & 0x0F; }
    int kind() const { return status & 0xF0; }
    bool isNoteOn() const { return kind() == 0x90 && data2 > 0; }
    // A note-on with velocity 0 is a note-off (running-status idiom).
    bool isNoteOff() const { return kind() == 0x80 || (kind() == 0x90 && data2 == 0); }
    bool operator==(const Event& o) const = default;
};

struct Track {
    std::vector<Event> events; // sorted by tick, in file order within a tick
    std::string name() const;
    bool operator==(const Track& o) const = default;
};

struct File {
    int format = 1;
    int ticksPerQuarter = 480;
    std::vector<Track> tracks;
    bool operator==(const File& o) const = default;
};

// Parses SMF bytes. On malformed input throws jazz::Error naming `sourceName`, the byte offset
// and what was expected. Never reads out of bounds; memory is bounded by the input size.
File parse(const std::vector<uint8_t>& bytes, const std::string& sourceName = "<memory>");
File read(const std::string& path);

// Serializes with running status off, explicit end-of-track, and the file's ticksPerQuarter.
std::vector<uint8_t> serialize(const File& file);
// Writes atomically (temporary file then rename). Throws jazz::Error on I/O failure.
void write(const File& file, const std::string& path);

} // namespace jazz::midi
