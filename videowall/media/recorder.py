"""Recording a stream nobody watches: RTSP in, pre-event segments out, no picture.

A tile on a small cell plays the camera's sub stream; the court wants the main one. The recorder is
the ingest without its MPEG-TS pipe: the same input (credentials on a pipe, never in argv), the same
segment output the tiles write, so ``media.ring`` and the clip cutter treat both alike.
"""

from __future__ import annotations

from videowall.media.ingest import FfmpegIngest, segment_output_args


class SegmentRecorder(FfmpegIngest):
    """One ffmpeg copying a stream into ``options.buffer_dir``'s 1-GOP segments; nothing else."""

    def argv(self, input_fd: int | None = None) -> list[str]:
        o = self._opts
        if o.buffer_dir is None:
            raise ValueError("a segment recorder needs a buffer folder")
        args = [o.ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-stats_period", "2",
                "-progress", "pipe:2", *self._input.args(input_fd)]
        return args + segment_output_args(o.buffer_dir, o.segment_s)
