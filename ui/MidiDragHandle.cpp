#include "MidiDragHandle.h"

#include "PianoRoll.h"

#include <QApplication>
#include <QDrag>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>

namespace jazz::ui {

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

void MidiDragHandle::mousePressEvent(QMouseEvent* e) {
    pressPos_ = e->pos();
}

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
