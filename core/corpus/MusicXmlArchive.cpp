#include "corpus/MusicXmlArchive.h"

#include "Error.h"

#include <QXmlStreamReader>

#include <zip.h>

#include <memory>

namespace jazz::corpus {

namespace {

// A score's XML is rarely over a few megabytes; refusing larger entries keeps a zip bomb from
// taking the machine's memory.
constexpr zip_uint64_t kMaxEntryBytes = 64u << 20;

struct ArchiveCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

std::vector<char> readEntry(zip_t* z, zip_int64_t index, const std::string& name,
                            const std::string& source) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        throw Error(source + ": cannot read '" + name + "' in the archive: " + zip_strerror(z));
    if (st.size > kMaxEntryBytes)
        throw Error(source + ": '" + name + "' in the archive is larger than 64 MiB");
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(index), 0);
    if (!f)
        throw Error(source + ": cannot open '" + name + "' in the archive: " + zip_strerror(z));
    std::vector<char> out(size_t(st.size));
    zip_int64_t got = st.size ? zip_fread(f, out.data(), st.size) : 0;
    const std::string why = got < 0 ? zip_file_strerror(f) : "";
    zip_fclose(f);
    if (got < 0 || zip_uint64_t(got) != st.size)
        throw Error(source + ": '" + name + "' in the archive is damaged" +
                    (why.empty() ? "" : ": " + why));
    return out;
}

// The first rootfile's full-path; empty when the container names none.
std::string rootfilePath(const std::vector<char>& container, const std::string& source) {
    QXmlStreamReader xml(QByteArray(container.data(), qsizetype(container.size())));
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"rootfile") {
            const auto type = xml.attributes().value("media-type");
            // Extra rootfiles (a PDF rendering, say) carry another media type.
            if (type.isEmpty() || type.endsWith(u"musicxml+xml") || type.endsWith(u"/xml"))
                return xml.attributes().value("full-path").toString().toStdString();
        }
    }
    if (xml.hasError())
        throw Error(source + ": META-INF/container.xml, line " + std::to_string(xml.lineNumber()) +
                    ": " + xml.errorString().toStdString());
    return {};
}

} // namespace

bool looksLikeZip(const std::vector<char>& bytes) {
    return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 &&
           bytes[3] == 4;
}

std::vector<char> unpackMxl(const std::vector<char>& bytes, const std::string& source) {
    zip_error_t error;
    zip_error_init(&error);
    // The buffer is not copied and not freed by libzip (freep = 0); `bytes` outlives it.
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw Error(source + ": cannot read the archive: " + why);
    }
    Archive z(zip_open_from_source(src, ZIP_RDONLY, &error));
    if (!z) {
        zip_source_free(src);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw Error(source + ": not a compressed MusicXML (.mxl) file: " + why);
    }
    zip_error_fini(&error);

    std::string root;
    const zip_int64_t container = zip_name_locate(z.get(), "META-INF/container.xml", 0);
    if (container >= 0)
        root =
            rootfilePath(readEntry(z.get(), container, "META-INF/container.xml", source), source);
    if (root.empty()) {
        // No container (some writers leave it out): the one score file in the archive.
        const zip_int64_t n = zip_get_num_entries(z.get(), 0);
        for (zip_int64_t i = 0; i < n && root.empty(); ++i) {
            const char* name = zip_get_name(z.get(), zip_uint64_t(i), 0);
            const std::string s = name ? name : "";
            if (s.rfind("META-INF/", 0) != 0 &&
                ((s.size() > 4 && s.substr(s.size() - 4) == ".xml") ||
                 (s.size() > 9 && s.substr(s.size() - 9) == ".musicxml")))
                root = s;
        }
        if (root.empty())
            throw Error(source + ": the archive holds no META-INF/container.xml rootfile and no "
                                 ".xml score");
    }
    const zip_int64_t at = zip_name_locate(z.get(), root.c_str(), 0);
    if (at < 0)
        throw Error(source + ": META-INF/container.xml names '" + root +
                    "', which the archive does not hold");
    return readEntry(z.get(), at, root, source);
}

} // namespace jazz::corpus
