"""Contains all the data models used in inputs/outputs"""

from .annotation_attributes import AnnotationAttributes
from .annotation_task_common import AnnotationTaskCommon
from .annotation_task_create import AnnotationTaskCreate
from .attachment_error import AttachmentError
from .attachment_type import AttachmentType
from .attribute import Attribute
from .attribute_type import AttributeType
from .attribute_values import AttributeValues
from .audio_transcription_task_create import AudioTranscriptionTaskCreate
from .audio_transcription_task_create_attachment_type import AudioTranscriptionTaskCreateAttachmentType
from .audit_task_response_200 import AuditTaskResponse200
from .batch import Batch
from .batch_create import BatchCreate
from .batch_list_page import BatchListPage
from .batch_status import BatchStatus
from .batch_status_counts import BatchStatusCounts
from .box_annotation import BoxAnnotation
from .box_annotation_response import BoxAnnotationResponse
from .camera_intrinsics import CameraIntrinsics
from .camera_rotation_quaternion import CameraRotationQuaternion
from .categorization_response import CategorizationResponse
from .categorization_task_create import CategorizationTaskCreate
from .categorization_task_create_legacy import CategorizationTaskCreateLegacy
from .categorization_task_params import CategorizationTaskParams
from .categorization_task_params_category_ids import CategorizationTaskParamsCategoryIds
from .comparison_task_create import ComparisonTaskCreate
from .comparison_task_create_fields import ComparisonTaskCreateFields
from .condition import Condition
from .conditions import Conditions
from .cuboid_annotation import CuboidAnnotation
from .cuboid_annotation_edges_item import CuboidAnnotationEdgesItem
from .cuboid_annotation_points_3d_item import CuboidAnnotationPoints3DItem
from .cuboid_annotation_response import CuboidAnnotationResponse
from .cuboid_annotation_task_create import CuboidAnnotationTaskCreate
from .cuboid_annotation_vertices_item import CuboidAnnotationVerticesItem
from .data_collection_task_create import DataCollectionTaskCreate
from .data_collection_task_create_fields import DataCollectionTaskCreateFields
from .document_transcription_task_create import DocumentTranscriptionTaskCreate
from .document_transcription_task_create_features_item import DocumentTranscriptionTaskCreateFeaturesItem
from .error import Error
from .evaluation_task_create import EvaluationTaskCreate
from .evaluation_task_create_expected_response import EvaluationTaskCreateExpectedResponse
from .evaluation_task_create_initial_response import EvaluationTaskCreateInitialResponse
from .failed_attachment import FailedAttachment
from .file import File
from .file_import import FileImport
from .file_upload import FileUpload
from .generic_task_create import GenericTaskCreate
from .image_annotation_task_create import ImageAnnotationTaskCreate
from .image_annotation_task_create_geometries import ImageAnnotationTaskCreateGeometries
from .image_annotation_task_create_geometries_box import ImageAnnotationTaskCreateGeometriesBox
from .image_attachment_type import ImageAttachmentType
from .layers import Layers
from .legacy_urgency import LegacyUrgency
from .legacy_urgency_param import LegacyUrgencyParam
from .line_annotation import LineAnnotation
from .line_annotation_response import LineAnnotationResponse
from .line_annotation_task_create import LineAnnotationTaskCreate
from .metadata import Metadata
from .named_entity_recognition_task_create import NamedEntityRecognitionTaskCreate
from .named_entity_recognition_task_create_labels_item import NamedEntityRecognitionTaskCreateLabelsItem
from .nested_label import NestedLabel
from .phonecall_response import PhonecallResponse
from .phonecall_response_fields import PhonecallResponseFields
from .phonecall_response_outcome import PhonecallResponseOutcome
from .phonecall_task_create import PhonecallTaskCreate
from .phonecall_task_create_fields import PhonecallTaskCreateFields
from .point_annotation import PointAnnotation
from .point_annotation_response import PointAnnotationResponse
from .point_annotation_task_create import PointAnnotationTaskCreate
from .polygon_annotation import PolygonAnnotation
from .polygon_annotation_response import PolygonAnnotationResponse
from .polygon_annotation_task_create import PolygonAnnotationTaskCreate
from .project import Project
from .project_create import ProjectCreate
from .project_param_version import ProjectParamVersion
from .project_params import ProjectParams
from .project_set_params import ProjectSetParams
from .quality_task import QualityTask
from .quality_task_expected_response import QualityTaskExpectedResponse
from .quality_task_initial_response import QualityTaskInitialResponse
from .quality_task_type import QualityTaskType
from .rapid_annotation_response import RapidAnnotationResponse
from .rapid_annotation_response_annotations import RapidAnnotationResponseAnnotations
from .rapid_annotation_response_annotations_additional_property import (
    RapidAnnotationResponseAnnotationsAdditionalProperty,
)
from .rapid_attachments_item import RapidAttachmentsItem
from .repeatable_field_type_1 import RepeatableFieldType1
from .segment_annotation_task_create import SegmentAnnotationTaskCreate
from .segmentation_label import SegmentationLabel
from .segmentation_response import SegmentationResponse
from .segmentation_response_annotations import SegmentationResponseAnnotations
from .segmentation_response_annotations_combined import SegmentationResponseAnnotationsCombined
from .segmentation_response_annotations_labeled import SegmentationResponseAnnotationsLabeled
from .segmentation_response_instances import SegmentationResponseInstances
from .segmentation_response_label_mapping import SegmentationResponseLabelMapping
from .server_error_body import ServerErrorBody
from .studio_assignments import StudioAssignments
from .studio_assignments_change import StudioAssignmentsChange
from .studio_batch import StudioBatch
from .studio_batch_assignment import StudioBatchAssignment
from .studio_batch_priorities import StudioBatchPriorities
from .studio_batch_priorities_batches_item import StudioBatchPrioritiesBatchesItem
from .studio_project_group import StudioProjectGroup
from .studio_project_group_create import StudioProjectGroupCreate
from .studio_project_group_update import StudioProjectGroupUpdate
from .studio_worker import StudioWorker
from .task import Task
from .task_audit import TaskAudit
from .task_create_common import TaskCreateCommon
from .task_create_common_metadata import TaskCreateCommonMetadata
from .task_list_page import TaskListPage
from .task_params import TaskParams
from .task_response_type_0 import TaskResponseType0
from .task_review_status import TaskReviewStatus
from .task_status import TaskStatus
from .task_status_filter import TaskStatusFilter
from .task_template import TaskTemplate
from .task_template_response_schema import TaskTemplateResponseSchema
from .task_template_template_variables import TaskTemplateTemplateVariables
from .task_type import TaskType
from .task_unique_id import TaskUniqueId
from .task_urgency import TaskUrgency
from .teammate import Teammate
from .teammate_role import TeammateRole
from .teammates_role import TeammatesRole
from .text_collection_task_create import TextCollectionTaskCreate
from .training_task_create import TrainingTaskCreate
from .training_task_create_expected_response import TrainingTaskCreateExpectedResponse
from .transcription_task_create import TranscriptionTaskCreate
from .transcription_task_create_fields import TranscriptionTaskCreateFields
from .transcription_task_create_repeatable_fields import TranscriptionTaskCreateRepeatableFields
from .transcription_task_create_row_fields import TranscriptionTaskCreateRowFields
from .urgency import Urgency
from .urgency_param import UrgencyParam
from .vertex import Vertex

__all__ = (
    "AnnotationAttributes",
    "AnnotationTaskCommon",
    "AnnotationTaskCreate",
    "AttachmentError",
    "AttachmentType",
    "Attribute",
    "AttributeType",
    "AttributeValues",
    "AudioTranscriptionTaskCreate",
    "AudioTranscriptionTaskCreateAttachmentType",
    "AuditTaskResponse200",
    "Batch",
    "BatchCreate",
    "BatchListPage",
    "BatchStatus",
    "BatchStatusCounts",
    "BoxAnnotation",
    "BoxAnnotationResponse",
    "CameraIntrinsics",
    "CameraRotationQuaternion",
    "CategorizationResponse",
    "CategorizationTaskCreate",
    "CategorizationTaskCreateLegacy",
    "CategorizationTaskParams",
    "CategorizationTaskParamsCategoryIds",
    "ComparisonTaskCreate",
    "ComparisonTaskCreateFields",
    "Condition",
    "Conditions",
    "CuboidAnnotation",
    "CuboidAnnotationEdgesItem",
    "CuboidAnnotationPoints3DItem",
    "CuboidAnnotationResponse",
    "CuboidAnnotationTaskCreate",
    "CuboidAnnotationVerticesItem",
    "DataCollectionTaskCreate",
    "DataCollectionTaskCreateFields",
    "DocumentTranscriptionTaskCreate",
    "DocumentTranscriptionTaskCreateFeaturesItem",
    "Error",
    "EvaluationTaskCreate",
    "EvaluationTaskCreateExpectedResponse",
    "EvaluationTaskCreateInitialResponse",
    "FailedAttachment",
    "File",
    "FileImport",
    "FileUpload",
    "GenericTaskCreate",
    "ImageAnnotationTaskCreate",
    "ImageAnnotationTaskCreateGeometries",
    "ImageAnnotationTaskCreateGeometriesBox",
    "ImageAttachmentType",
    "Layers",
    "LegacyUrgency",
    "LegacyUrgencyParam",
    "LineAnnotation",
    "LineAnnotationResponse",
    "LineAnnotationTaskCreate",
    "Metadata",
    "NamedEntityRecognitionTaskCreate",
    "NamedEntityRecognitionTaskCreateLabelsItem",
    "NestedLabel",
    "PhonecallResponse",
    "PhonecallResponseFields",
    "PhonecallResponseOutcome",
    "PhonecallTaskCreate",
    "PhonecallTaskCreateFields",
    "PointAnnotation",
    "PointAnnotationResponse",
    "PointAnnotationTaskCreate",
    "PolygonAnnotation",
    "PolygonAnnotationResponse",
    "PolygonAnnotationTaskCreate",
    "Project",
    "ProjectCreate",
    "ProjectParams",
    "ProjectParamVersion",
    "ProjectSetParams",
    "QualityTask",
    "QualityTaskExpectedResponse",
    "QualityTaskInitialResponse",
    "QualityTaskType",
    "RapidAnnotationResponse",
    "RapidAnnotationResponseAnnotations",
    "RapidAnnotationResponseAnnotationsAdditionalProperty",
    "RapidAttachmentsItem",
    "RepeatableFieldType1",
    "SegmentAnnotationTaskCreate",
    "SegmentationLabel",
    "SegmentationResponse",
    "SegmentationResponseAnnotations",
    "SegmentationResponseAnnotationsCombined",
    "SegmentationResponseAnnotationsLabeled",
    "SegmentationResponseInstances",
    "SegmentationResponseLabelMapping",
    "ServerErrorBody",
    "StudioAssignments",
    "StudioAssignmentsChange",
    "StudioBatch",
    "StudioBatchAssignment",
    "StudioBatchPriorities",
    "StudioBatchPrioritiesBatchesItem",
    "StudioProjectGroup",
    "StudioProjectGroupCreate",
    "StudioProjectGroupUpdate",
    "StudioWorker",
    "Task",
    "TaskAudit",
    "TaskCreateCommon",
    "TaskCreateCommonMetadata",
    "TaskListPage",
    "TaskParams",
    "TaskResponseType0",
    "TaskReviewStatus",
    "TaskStatus",
    "TaskStatusFilter",
    "TaskTemplate",
    "TaskTemplateResponseSchema",
    "TaskTemplateTemplateVariables",
    "TaskType",
    "TaskUniqueId",
    "TaskUrgency",
    "Teammate",
    "TeammateRole",
    "TeammatesRole",
    "TextCollectionTaskCreate",
    "TrainingTaskCreate",
    "TrainingTaskCreateExpectedResponse",
    "TranscriptionTaskCreate",
    "TranscriptionTaskCreateFields",
    "TranscriptionTaskCreateRepeatableFields",
    "TranscriptionTaskCreateRowFields",
    "Urgency",
    "UrgencyParam",
    "Vertex",
)
