#include "PianoRoll.h"

#include "Error.h"
#include "NoteCommands.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"

#include <QApplication>
#include <QDrag>
#include <QFile>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QUndoStack>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace jazz::ui {

namespace {
constexpr double kSnap = 0.25; // edits snap to sixteenths
bool isBlackKey(int pitch) {
    const int pc = pitch % 12;
    return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
}
double snap(double beat) { return std::round(beat / kSnap) * kSnap; }
} // namespace

PianoRoll::PianoRoll(StudioDocument* document, QUndoStack* undo, QWidget* parent)
    : QAbstractScrollArea(parent), document_(document), undo_(undo) {
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setMinimumHeight(240);
    auto refresh = [this] {
        if (selected_ >= noteCount())
            selected_ = -1;
        updateScrollBars();
        viewport()->update();
    };
    connect(document_, &StudioDocument::currentTakeChanged, this, [this, refresh] {
        selected_ = -1;
        refresh();
    });
    connect(document_, &StudioDocument::takeEdited, this, refresh);
    connect(document_, &StudioDocument::takesChanged, this, refresh);
    connect(document_, &StudioDocument::takeBandChanged, viewport(), qOverload<>(&QWidget::update));
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    updateScrollBars();
    // Start around the middle of the range, where solos live.
    verticalScrollBar()->setValue((kHighPitch - 79) * kRowHeight);
}

void PianoRoll::setShowBand(bool on) {
    showBand_ = on;
    viewport()->update();
}

const session::Take* PianoRoll::take() const {
    const int t = document_->currentTake();
    return t >= 0 ? &document_->take(t) : nullptr;
}

int PianoRoll::noteCount() const {
    const auto* t = take();
    return t ? int(t->arrangement.solo.notes.size()) : 0;
}

void PianoRoll::setPixelsPerBeat(double ppb) {
    ppb_ = std::clamp(ppb, 8.0, 400.0);
    updateScrollBars();
    viewport()->update();
}

void PianoRoll::setPlayhead(double beat) {
    playhead_ = beat;
    viewport()->update();
}

void PianoRoll::selectNote(int index) {
    selected_ = index >= 0 && index < noteCount() ? index : -1;
    viewport()->update();
}

void PianoRoll::updateScrollBars() {
    const auto* t = take();
    const double beats = t ? t->arrangement.lengthBeats() : 16;
    const int width = int(beats * ppb_) + 40;
    const int height = (kHighPitch - kLowPitch + 1) * kRowHeight;
    horizontalScrollBar()->setRange(0, std::max(0, width - (viewport()->width() - kKeyboardWidth)));
    horizontalScrollBar()->setPageStep(viewport()->width());
    verticalScrollBar()->setRange(0, std::max(0, height - (viewport()->height() - kChordLane)));
    verticalScrollBar()->setPageStep(viewport()->height());
}

void PianoRoll::resizeEvent(QResizeEvent* e) {
    QAbstractScrollArea::resizeEvent(e);
    updateScrollBars();
}

QRectF PianoRoll::noteRect(const generate::SoloNote& n) const {
    const double x = kKeyboardWidth + n.start * ppb_ - horizontalScrollBar()->value();
    const double y = kChordLane + (kHighPitch - n.pitch) * kRowHeight - verticalScrollBar()->value();
    return QRectF(x, y, std::max(3.0, n.duration * ppb_), kRowHeight);
}

double PianoRoll::beatAt(double x) const {
    return (x - kKeyboardWidth + horizontalScrollBar()->value()) / ppb_;
}

int PianoRoll::pitchAt(double y) const {
    return kHighPitch - int(std::floor((y - kChordLane + verticalScrollBar()->value()) / kRowHeight));
}

int PianoRoll::noteAt(const QPointF& p, bool* nearRightEdge) const {
    const auto* t = take();
    if (!t)
        return -1;
    const auto& notes = t->arrangement.solo.notes;
    for (int i = int(notes.size()) - 1; i >= 0; --i) {
        const QRectF r = noteRect(notes[size_t(i)]);
        if (r.contains(p)) {
            *nearRightEdge = p.x() > r.right() - 5;
            return i;
        }
    }
    return -1;
}

void PianoRoll::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const QRect area = viewport()->rect();
    const int sx = horizontalScrollBar()->value(), sy = verticalScrollBar()->value();
    p.fillRect(area, QColor(250, 250, 247));
    // Pitch rows.
    for (int pitch = kLowPitch; pitch <= kHighPitch; ++pitch) {
        const int y = kChordLane + (kHighPitch - pitch) * kRowHeight - sy;
        if (isBlackKey(pitch))
            p.fillRect(QRect(kKeyboardWidth, y, area.width(), kRowHeight), QColor(236, 236, 232));
    }
    const auto* t = take();
    const double beatsPerBar = t ? t->arrangement.solo.progression.beatsPerBar : 4;
    const double beats = t ? t->arrangement.lengthBeats() : 16;
    // Beat and bar lines.
    for (int b = 0; b <= int(std::ceil(beats)); ++b) {
        const double x = kKeyboardWidth + b * ppb_ - sx;
        if (x < kKeyboardWidth || x > area.width())
            continue;
        const bool bar = std::fmod(b, beatsPerBar) < 1e-9;
        p.setPen(bar ? QColor(150, 150, 150) : QColor(215, 215, 210));
        p.drawLine(QPointF(x, kChordLane), QPointF(x, area.height()));
    }
    // The band's pitched parts, faintly under the solo (drums have no pitch to show).
    if (t && showBand_) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(120, 120, 140, 45));
        for (const auto& part : t->arrangement.band)
            if (part.channel != 9)
                for (const auto& n : part.notes) {
                    const QRectF r = noteRect({n.start, n.duration, n.pitch, n.velocity});
                    if (r.intersects(area))
                        p.drawRect(r.adjusted(0, 2, 0, -2));
                }
    }
    // Notes.
    if (t) {
        const auto& notes = t->arrangement.solo.notes;
        for (int i = 0; i < int(notes.size()); ++i) {
            generate::SoloNote n = notes[size_t(i)];
            if (preview_ && i == selected_)
                n = *preview_;
            const QRectF r = noteRect(n);
            if (!r.intersects(area))
                continue;
            const int shade = 90 + n.velocity;
            p.setPen(QColor(30, 60, 90));
            p.setBrush(i == selected_ ? QColor(240, 140, 40) : QColor(40, 100, shade));
            p.drawRoundedRect(r.adjusted(0, 1, 0, -1), 2, 2);
        }
    }
    // Chord lane.
    p.fillRect(QRect(0, 0, area.width(), kChordLane), QColor(60, 64, 72));
    if (t) {
        const auto& bars = t->arrangement.solo.progression.bars;
        p.setPen(Qt::white);
        for (size_t b = 0; b < bars.size(); ++b)
            for (const auto& c : bars[b]) {
                const double x = kKeyboardWidth + (double(b) * beatsPerBar + c.offset) * ppb_ - sx;
                if (x > kKeyboardWidth - 2 && x < area.width())
                    p.drawText(QPointF(x + 3, kChordLane - 6), QString::fromStdString(c.symbol));
            }
    }
    // Playhead.
    if (playhead_ >= 0) {
        const double x = kKeyboardWidth + playhead_ * ppb_ - sx;
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, area.height()));
    }
    // Keyboard (fixed on the left).
    p.setBrush(Qt::NoBrush);
    for (int pitch = kLowPitch; pitch <= kHighPitch; ++pitch) {
        const int y = kChordLane + (kHighPitch - pitch) * kRowHeight - sy;
        const QRect key(0, y, kKeyboardWidth, kRowHeight);
        p.fillRect(key, isBlackKey(pitch) ? QColor(40, 40, 40) : Qt::white);
        p.setPen(QColor(180, 180, 180));
        p.drawRect(key);
        if (pitch % 12 == 0) {
            p.setPen(Qt::black);
            p.drawText(key.adjusted(2, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       QString("C%1").arg(pitch / 12 - 1));
        }
    }
    p.fillRect(QRect(0, 0, kKeyboardWidth, kChordLane), QColor(60, 64, 72));
}

void PianoRoll::mousePressEvent(QMouseEvent* e) {
    setFocus();
    bool edge = false;
    const int i = noteAt(e->position(), &edge);
    selected_ = i;
    preview_.reset();
    drag_ = Drag::None;
    if (i >= 0 && e->button() == Qt::LeftButton) {
        original_ = take()->arrangement.solo.notes[size_t(i)];
        drag_ = edge ? Drag::Resize : Drag::Move;
        pressPos_ = e->position();
    }
    viewport()->update();
}

void PianoRoll::mouseMoveEvent(QMouseEvent* e) {
    bool edge = false;
    const int hover = noteAt(e->position(), &edge);
    viewport()->setCursor(drag_ == Drag::Resize || (hover >= 0 && edge) ? Qt::SizeHorCursor
                          : hover >= 0                                  ? Qt::OpenHandCursor
                                                                        : Qt::ArrowCursor);
    if (drag_ == Drag::None || selected_ < 0)
        return;
    const QPointF d = e->position() - pressPos_;
    generate::SoloNote n = original_;
    if (drag_ == Drag::Move) {
        n.start = std::max(0.0, snap(original_.start + d.x() / ppb_));
        n.pitch = std::clamp(original_.pitch - int(std::lround(d.y() / kRowHeight)), kLowPitch, kHighPitch);
    } else {
        n.duration = std::max(kSnap, snap(original_.duration + d.x() / ppb_));
    }
    preview_ = n;
    viewport()->update();
}

void PianoRoll::mouseReleaseEvent(QMouseEvent*) {
    if (preview_ && selected_ >= 0 && !(*preview_ == original_)) {
        undo_->push(new EditNoteCommand(document_, document_->currentTake(), selected_, original_,
                                        *preview_,
                                        drag_ == Drag::Move ? tr("Move note") : tr("Resize note")));
    }
    preview_.reset();
    drag_ = Drag::None;
    viewport()->update();
}

void PianoRoll::mouseDoubleClickEvent(QMouseEvent* e) {
    bool edge = false;
    if (!take() || noteAt(e->position(), &edge) >= 0 || e->position().x() < kKeyboardWidth ||
        e->position().y() < kChordLane)
        return;
    const double start = std::max(0.0, std::floor(beatAt(e->position().x()) / kSnap) * kSnap);
    const int pitch = pitchAt(e->position().y());
    if (pitch < kLowPitch || pitch > kHighPitch || start >= take()->arrangement.lengthBeats())
        return;
    const int index = noteCount();
    undo_->push(new AddNoteCommand(document_, document_->currentTake(), index,
                                   {start, 0.5, pitch, 90}));
    selected_ = index;
    viewport()->update();
}

void PianoRoll::keyPressEvent(QKeyEvent* e) {
    if ((e->key() == Qt::Key_Delete || e->key() == Qt::Key_Backspace) && selected_ >= 0) {
        undo_->push(new DeleteNoteCommand(document_, document_->currentTake(), selected_));
        selected_ = -1;
        viewport()->update();
        return;
    }
    QAbstractScrollArea::keyPressEvent(e);
}

void PianoRoll::wheelEvent(QWheelEvent* e) {
    if (e->modifiers() & Qt::ControlModifier) {
        setPixelsPerBeat(ppb_ * (e->angleDelta().y() > 0 ? 1.25 : 0.8));
        return;
    }
    QAbstractScrollArea::wheelEvent(e);
}

QMimeData* PianoRoll::makeDragMimeData(QString* error) {
    const auto* t = take();
    if (!t) {
        *error = tr("Generate a take first.");
        return nullptr;
    }
    if (!dragDir_.isValid()) {
        *error = tr("Cannot create a temporary folder for the dragged file.");
        return nullptr;
    }
    QString name = QString::fromStdString(t->name).replace(QRegularExpression("[^A-Za-z0-9 _-]"), "");
    if (name.trimmed().isEmpty())
        name = "take";
    const QString path = dragDir_.filePath(name.trimmed() + ".mid");
    try {
        midi::write(midi::fromSong(document_->song(document_->currentTake(), false)),
                    path.toStdString()); // the take as played, as the mixer has it
    } catch (const Error& e) {
        *error = QString::fromStdString(e.what());
        return nullptr;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read back the dragged file").arg(path);
        return nullptr;
    }
    auto* mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    mime->setData("audio/midi", f.readAll());
    return mime;
}

MidiDragHandle::MidiDragHandle(PianoRoll* roll, QWidget* parent) : QWidget(parent), roll_(roll) {
    setCursor(Qt::OpenHandCursor);
    setToolTip(tr("Drag the take into your DAW or file manager as a MIDI file"));
}

void MidiDragHandle::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(60, 110, 170));
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(rect().adjusted(1, 1, -1, -1), 5, 5);
    p.setPen(Qt::white);
    p.drawText(rect(), Qt::AlignCenter, tr("Drag MIDI ⇲"));
}

void MidiDragHandle::mousePressEvent(QMouseEvent* e) { pressPos_ = e->pos(); }

void MidiDragHandle::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton) ||
        (e->pos() - pressPos_).manhattanLength() < QApplication::startDragDistance())
        return;
    QString error;
    QMimeData* mime = roll_->makeDragMimeData(&error);
    if (!mime) {
        Q_EMIT errorOccurred(error);
        return;
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->exec(Qt::CopyAction);
}

} // namespace jazz::ui
