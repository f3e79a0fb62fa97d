import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Schemas } from '../../api/client';
import { useEnrol } from '../../api/learning/use-enrol';
import { FormError } from '../../components/FormError';

/**
 * Offered once the certificate of the learner's current cycle has expired: enrolling again starts
 * the next cycle (recertification), empty, and opens the course page where it begins.
 */
export function RetakePanel({ course }: { course: Pick<Schemas['CourseSummaryDto'], 'id' | 'slug' | 'enrolmentPolicy'> }) {
  const { t } = useTranslation('courses');
  const enrol = useEnrol();
  const navigate = useNavigate();
  return (
    <div className="panel retake">
      <p>{t('retake.expired')}</p>
      <FormError error={enrol.error} />
      <button
        type="button"
        disabled={enrol.isPending}
        onClick={() => enrol.mutate(course.id, { onSuccess: () => void navigate(`/courses/${course.slug}`) })}
      >
        {course.enrolmentPolicy === 'approval' ? t('retake.requestAction') : t('retake.action')}
      </button>
    </div>
  );
}
