// Compressed MusicXML (.mxl): a zip archive whose META-INF/container.xml names the score
// inside. Unpacked with libzip (Debian's maintained zip library), never an inflater of our own.
#pragma once

#include <string>
#include <vector>

namespace jazz::corpus {

// True for bytes that start like a zip archive ("PK\3\4").
bool looksLikeZip(const std::vector<char>& bytes);

// The score's XML from an .mxl archive's bytes: the first <rootfile> of
// META-INF/container.xml (or, without a container, the one .xml/.musicxml file outside
// META-INF). Throws jazz::Error naming `source` and what is wrong (not a zip archive, no
// container, a rootfile the archive lacks, an entry too large).
std::vector<char> unpackMxl(const std::vector<char>& bytes, const std::string& source);

} // namespace jazz::corpus
