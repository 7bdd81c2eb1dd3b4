"""Drawing the camera views of a performance (MultiViewpointSampling)."""
import numpy as np

from skelbench.datasets.transforms import MultiView, MultiViewpointSampling

from ._helpers import make_results, nw_ucla_samples


def test_multi_viewpoint_sampling(nw_ucla_root):
    cams = nw_ucla_samples(nw_ucla_root, 3)  # the three views of a01_s01
    assert len({a['performance'] for a in cams}) == 1
    kps = [a['keypoint'] for a in cams]
    seen = set()
    for seed in range(30):
        res = make_results(kps[0], 'nw-ucla', seed=seed,
                           performance_views=kps[1:])
        res = MultiViewpointSampling(num_views=2)(res)
        ids = res['view_indices']
        seen.update(ids.tolist())
        for j, kp in zip(ids, res['view_keypoints']):
            np.testing.assert_array_equal(kp, kps[j])
        res = MultiView(pipelines=[dict(type='TemporalCropResize',
                                        clip_len=16, min_len=4)],
                        num_views=2)(res)
        assert [v.shape for v in res['keypoint']] == [(1, 16, 20, 3)] * 2
        assert 'view_keypoints' not in res
    assert seen == {0, 1, 2}
    # no other views: the sample itself
    res = MultiViewpointSampling()(make_results(kps[0], 'nw-ucla'))
    assert all(np.array_equal(v, kps[0]) for v in res['view_keypoints'])
